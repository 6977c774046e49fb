/**
 * Breaking changes between two versions of the API's documents, from the point of view of a
 * client written against the older one: an OpenAPI 3.0 document (REST) and an AsyncAPI 3
 * document (Socket.IO), in the shapes the API writes them. A schema the client writes (a request
 * body, a parameter, a client event's payload) breaks when the newer one refuses something the
 * older one took; a schema the client reads (a success body, a server event, an acknowledgement)
 * breaks when the newer one may give something the older one promised not to: a field that goes
 * away or becomes optional, another type. New enum values in what the client reads do not count:
 * clients are told to expect new codes and kinds in minor versions.
 */

type Json = Record<string, unknown>;
export type Schema = Json;
export type Direction = 'write' | 'read';

export interface BreakingChange {
  /** Where, e.g. `POST /api/messages 201 body .message.content` or `operation client.send-message`. */
  where: string;
  what: string;
}

/** Resolves `$ref`s against the document they come from. */
function resolver(document: Json) {
  return (schema: Schema | undefined): Schema | undefined => {
    const seen = new Set<string>();
    let current = schema;
    while (current && typeof current['$ref'] === 'string') {
      const ref = current['$ref'];
      if (seen.has(ref)) return {};
      seen.add(ref);
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[decodeURIComponent(key)], document) as
        | Schema
        | undefined;
      const siblings = Object.fromEntries(Object.entries(current).filter(([key]) => key !== '$ref'));
      current = target && { ...target, ...siblings };
    }
    return current;
  };
}

interface Shape {
  types: Set<string> | null;
  properties: Record<string, Schema>;
  required: Set<string>;
  closed: boolean;
  items?: Schema;
  alternatives: Schema[];
  schema: Schema;
}

/** One schema with its `allOf` merged, its references followed, and null said as a type. */
function shape(schema: Schema | undefined, resolve: (s: Schema | undefined) => Schema | undefined): Shape {
  const merged: Schema = {};
  const parts: Schema[] = [];
  const collect = (part: Schema | undefined) => {
    const resolved = resolve(part);
    if (!resolved) return;
    parts.push(resolved);
    for (const sub of (resolved['allOf'] as Schema[] | undefined) ?? []) collect(sub);
  };
  collect(schema);
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  let types = null as Set<string> | null;
  let nullable = false;
  let closed = false;
  let items: Schema | undefined;
  const alternatives: Schema[] = [];
  for (const part of parts) {
    Object.assign(properties, part['properties'] ?? {});
    for (const name of (part['required'] as string[] | undefined) ?? []) required.add(name);
    const type = part['type'];
    if (type !== undefined) {
      const partTypes = new Set(Array.isArray(type) ? (type as string[]) : [type as string]);
      types = types ? new Set([...types].filter((t) => partTypes.has(t))) : partTypes;
    }
    if (part['nullable'] === true) nullable = true;
    if (part['additionalProperties'] === false) closed = true;
    if (part['items']) items = part['items'] as Schema;
    alternatives.push(...((part['anyOf'] ?? part['oneOf'] ?? []) as Schema[]));
    for (const keyword of [
      'enum',
      'maxLength',
      'minLength',
      'pattern',
      'maxItems',
      'minItems',
      'format',
      'maximum',
      'minimum',
    ]) {
      if (part[keyword] !== undefined) merged[keyword] = part[keyword];
    }
  }
  if (types && nullable) types.add('null');
  if (types?.has('number')) types.add('integer');
  return { types, properties, required, closed, items, alternatives, schema: merged };
}

const list = (values: Iterable<unknown>) => [...values].map((value) => JSON.stringify(value)).join(', ');

/** The breaking changes from `before` to `after`, a schema the client writes or reads. */
export function schemaChanges(
  before: { schema: Schema | undefined; document: Json },
  after: { schema: Schema | undefined; document: Json },
  direction: Direction,
  where: string,
  depth = 0,
): BreakingChange[] {
  if (depth > 20 || !before.schema) return [];
  if (!after.schema) return [{ where, what: 'no longer described' }];
  const b = shape(before.schema, resolver(before.document));
  const a = shape(after.schema, resolver(after.document));
  const changes: BreakingChange[] = [];
  const add = (what: string) => changes.push({ where, what });
  // What may the after side hold that the before side did not (read), or refuse that it took (write)?
  const [wider, narrower] = direction === 'read' ? [a, b] : [b, a];

  if (wider.types && narrower.types) {
    const lost = [...wider.types].filter((type) => !narrower.types?.has(type));
    if (lost.length > 0) add(`type ${list(b.types ?? [])} became ${list(a.types ?? [])}`);
  } else if (direction === 'write' && !b.types && a.types) {
    add(`now only ${list(a.types)}`);
  } else if (direction === 'read' && b.types && !a.types) {
    add(`type ${list(b.types)} is no longer said`);
  }

  const beforeEnum = b.schema['enum'] as unknown[] | undefined;
  const afterEnum = a.schema['enum'] as unknown[] | undefined;
  if (direction === 'write' && afterEnum) {
    const refused = beforeEnum ? beforeEnum.filter((value) => !afterEnum.includes(value)) : ['any other value'];
    if (refused.length > 0) add(`refuses ${list(refused)}`);
  }

  if (direction === 'write') {
    const limits: [string, (x: number, y: number) => boolean][] = [
      ['maxLength', (x, y) => y < x],
      ['maxItems', (x, y) => y < x],
      ['maximum', (x, y) => y < x],
      ['minLength', (x, y) => y > x],
      ['minItems', (x, y) => y > x],
      ['minimum', (x, y) => y > x],
    ];
    for (const [keyword, tighter] of limits) {
      const x = b.schema[keyword] as number | undefined;
      const y = a.schema[keyword] as number | undefined;
      if (y !== undefined && (x === undefined || tighter(x, y))) add(`${keyword} ${x ?? 'none'} became ${y}`);
    }
    for (const keyword of ['pattern', 'format']) {
      if (a.schema[keyword] !== undefined && a.schema[keyword] !== b.schema[keyword]) {
        add(`${keyword} ${JSON.stringify(b.schema[keyword] ?? null)} became ${JSON.stringify(a.schema[keyword])}`);
      }
    }
    for (const name of a.required) if (!b.required.has(name)) add(`.${name} is now required`);
    if (a.closed) {
      for (const name of Object.keys(b.properties)) if (!(name in a.properties)) add(`.${name} is now refused`);
    }
  } else {
    for (const name of b.required) {
      if (!(name in a.properties)) add(`.${name} was removed`);
      else if (!a.required.has(name)) add(`.${name} is no longer always there`);
    }
  }

  for (const [name, property] of Object.entries(b.properties)) {
    const next = a.properties[name];
    if (!next) continue;
    changes.push(
      ...schemaChanges(
        { schema: property, document: before.document },
        { schema: next, document: after.document },
        direction,
        `${where} .${name}`,
        depth + 1,
      ),
    );
  }
  if (b.items) {
    changes.push(
      ...schemaChanges(
        { schema: b.items, document: before.document },
        { schema: a.items, document: after.document },
        direction,
        `${where} []`,
        depth + 1,
      ),
    );
  }
  if (b.alternatives.length > 0) {
    const fewer = a.alternatives.length < b.alternatives.length;
    if (direction === 'write' ? fewer : a.alternatives.length > b.alternatives.length) {
      add(`${b.alternatives.length} alternatives became ${a.alternatives.length}`);
    }
    b.alternatives.forEach((alternative, index) => {
      if (index >= a.alternatives.length) return;
      changes.push(
        ...schemaChanges(
          { schema: alternative, document: before.document },
          { schema: a.alternatives[index], document: after.document },
          direction,
          `${where} |${index}`,
          depth + 1,
        ),
      );
    });
  }
  return changes;
}

const VERBS = ['get', 'put', 'post', 'delete', 'patch'];
type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
};

/** The breaking changes from one OpenAPI document to the next. */
export function openApiBreakingChanges(before: Json, after: Json): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const paths = (document: Json) => (document['paths'] ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths(before))) {
    for (const verb of VERBS.filter((v) => item[v])) {
      const where = `${verb.toUpperCase()} ${path}`;
      const old = item[verb];
      const next = paths(after)[path]?.[verb];
      if (!next) {
        changes.push({ where, what: 'operation removed' });
        continue;
      }
      if (!old.security?.length && next.security?.length) changes.push({ where, what: 'now needs authentication' });
      const key = (p: { name: string; in: string }) => `${p.in} ${p.name}`;
      const nextParameters = new Map((next.parameters ?? []).map((p) => [key(p), p]));
      const oldParameters = new Map((old.parameters ?? []).map((p) => [key(p), p]));
      for (const [name, parameter] of nextParameters) {
        if (parameter.required && !oldParameters.get(name)?.required) {
          changes.push({ where: `${where} ${name}`, what: 'parameter is now required' });
        }
      }
      for (const [name, parameter] of oldParameters) {
        const successor = nextParameters.get(name);
        if (!successor) changes.push({ where: `${where} ${name}`, what: 'parameter removed' });
        else
          changes.push(
            ...schemaChanges(
              { schema: parameter.schema, document: before },
              { schema: successor.schema, document: after },
              'write',
              `${where} ${name}`,
            ),
          );
      }
      const oldBody = old.requestBody?.content?.['application/json']?.schema;
      const nextBody = next.requestBody?.content?.['application/json']?.schema;
      if (!old.requestBody?.required && next.requestBody?.required) {
        changes.push({ where: `${where} body`, what: 'a body is now required' });
      }
      if (oldBody && nextBody) {
        changes.push(
          ...schemaChanges(
            { schema: oldBody, document: before },
            { schema: nextBody, document: after },
            'write',
            `${where} body`,
          ),
        );
      }
      for (const [status, response] of Object.entries(old.responses ?? {}).filter(([s]) => s.startsWith('2'))) {
        const successor = next.responses?.[status];
        if (!successor) {
          changes.push({ where: `${where} ${status}`, what: 'success status changed' });
          continue;
        }
        for (const [mediaType, { schema }] of Object.entries(response.content ?? {})) {
          const nextSchema = successor.content?.[mediaType]?.schema;
          if (!successor.content?.[mediaType])
            changes.push({ where: `${where} ${status}`, what: `no longer ${mediaType}` });
          else
            changes.push(
              ...schemaChanges(
                { schema, document: before },
                { schema: nextSchema, document: after },
                'read',
                `${where} ${status} body`,
              ),
            );
        }
      }
    }
  }
  return changes;
}

type AsyncOperation = {
  action: 'send' | 'receive';
  messages?: { $ref: string }[];
  reply?: { messages?: { $ref: string }[] };
};

/** The breaking changes from one AsyncAPI document (as the API writes it) to the next. */
export function asyncApiBreakingChanges(before: Json, after: Json): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const resolveIn = (document: Json) => resolver(document);
  const pathname = (document: Json) =>
    Object.values((document['servers'] ?? {}) as Record<string, { pathname?: string }>).map((s) => s.pathname);
  if (JSON.stringify(pathname(before)) !== JSON.stringify(pathname(after))) {
    changes.push({ where: 'servers', what: `path ${list(pathname(before))} became ${list(pathname(after))}` });
  }
  const operations = (document: Json) => (document['operations'] ?? {}) as Record<string, AsyncOperation>;
  const message = (document: Json, ref: { $ref: string } | undefined) =>
    ref
      ? (resolveIn(document)(ref as unknown as Schema) as { name?: string; payload?: Schema } | undefined)
      : undefined;
  for (const [key, old] of Object.entries(operations(before))) {
    const where = `operation ${key}`;
    const next = operations(after)[key];
    if (!next || next.action !== old.action) {
      changes.push({ where, what: next ? `action ${old.action} became ${next.action}` : 'operation removed' });
      continue;
    }
    const oldMessage = message(before, old.messages?.[0]);
    const nextMessage = message(after, next.messages?.[0]);
    if (oldMessage?.name !== nextMessage?.name) {
      changes.push({
        where,
        what: `event ${JSON.stringify(oldMessage?.name)} became ${JSON.stringify(nextMessage?.name)}`,
      });
    }
    // The API receives what the client writes, and sends what it reads.
    changes.push(
      ...schemaChanges(
        { schema: oldMessage?.payload, document: before },
        { schema: nextMessage?.payload, document: after },
        old.action === 'receive' ? 'write' : 'read',
        `${where} payload`,
      ),
    );
    const oldReply = message(before, old.reply?.messages?.[0]);
    if (oldReply) {
      changes.push(
        ...schemaChanges(
          { schema: oldReply.payload, document: before },
          { schema: message(after, next.reply?.messages?.[0])?.payload, document: after },
          'read',
          `${where} reply`,
        ),
      );
    }
  }
  return changes;
}

/**
 * Whether going from version `released` to `current` allows breaking changes: a new major, or,
 * while the major is 0, a new minor (as the README's versioning says).
 */
export function allowsBreakingChanges(released: string, current: string): boolean {
  const [major, minor] = released.split('.').map(Number);
  const [nextMajor, nextMinor] = current.split('.').map(Number);
  if (nextMajor !== major) return nextMajor > major;
  return major === 0 && nextMinor > minor;
}
