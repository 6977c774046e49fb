import { join } from 'node:path';
import { createGenerator, type Definition } from 'ts-json-schema-generator';
import { RESPONSE_EXAMPLES } from './examples';

const LIB = join(__dirname, '..');
/** Where the generated schemas are kept (committed, shipped as @promoto/shared-dto/schemas.json). */
export const SCHEMAS_FILE = join(LIB, 'schemas.json');

export interface ContractSchemas {
  $schema: string;
  $comment: string;
  definitions: Record<string, Definition>;
}

/** The Socket.IO handshake's types, described as they are. */
const HANDSHAKE = ['SocketHandshakeAuth', 'SocketConnectErrorData'];
const EVENT_MAPS = ['ClientToServerEvents', 'ServerToClientEvents'];
/** The JSON files of a personal data export (« Mes données »), described for those who read the zip. */
const DATA_EXPORT_FILES = [
  'DataExportManifest',
  'DataExportProfileFile',
  'DataExportBookingsFile',
  'DataExportVehiclesFile',
  'DataExportConversationFile',
  'DataExportNotificationsFile',
  'DataExportBlocksFile',
];
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const DEFINITIONS = '#/definitions/';

const nameOf = (schema: Definition | undefined) =>
  schema?.$ref === undefined ? undefined : decodeURIComponent(schema.$ref.slice(DEFINITIONS.length));
const refTo = (name: string): Definition => ({ $ref: DEFINITIONS + name });
const pascal = (event: string) => event.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** Every `$ref` in a schema, rewritten by `rename` (a definition's new name, or the same). */
function renameRefs<T>(value: T, rename: (name: string) => string): T {
  if (Array.isArray(value)) return value.map((item) => renameRefs(item, rename)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' && item.startsWith(DEFINITIONS)
        ? [key, DEFINITIONS + rename(decodeURIComponent(item.slice(DEFINITIONS.length)))]
        : [key, renameRefs(item, rename)],
    ),
  ) as T;
}

/** The definitions `roots` refer to, directly or through others. */
function reachable(definitions: Record<string, Definition>, roots: string[]): Set<string> {
  const reached = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    const refs = JSON.stringify(definitions[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g);
    pending.push(...[...refs].map((match) => decodeURIComponent(match[1])));
  }
  return reached;
}

/**
 * An event map (an interface of listener signatures) as a catalogue of its events: for each, its
 * payload and, for a client's event, the acknowledgement it answers with (`required` lists `ack`
 * when the client must pass one). The anonymous acknowledgement types take the event's name:
 * `send-message` answers a `SendMessageAck`, the `ok: true` half of which is `SendMessageAckSuccess`.
 */
function eventCatalogue(
  map: Definition,
  definitions: Record<string, Definition>,
  renamed: Map<string, string>,
): Definition {
  const events = Object.entries(map.properties ?? {}) as [string, Definition][];
  const properties = events.map(([event, listener]): [string, Definition] => {
    const args = listener.properties?.['namedArgs'] as Definition;
    const [payload, callback] = Object.values(args.properties ?? {}) as Definition[];
    const properties: Record<string, Definition> = { payload };
    const ackArgs = definitions[nameOf(callback) ?? '']?.properties?.['namedArgs'] as Definition | undefined;
    const ackName = nameOf(ackArgs?.properties?.['response'] as Definition | undefined);
    if (ackName) {
      // The default acknowledgement (`AckCallback` with no result) is shared: it keeps the plain name.
      const name = nameOf(callback) === 'AckCallback' ? 'Ack' : `${pascal(event)}Ack`;
      if (!PLAIN_NAME.test(ackName)) renamed.set(ackName, name);
      const success = nameOf((definitions[ackName].anyOf as Definition[])[0]);
      if (success && !PLAIN_NAME.test(success)) renamed.set(success, `${name}Success`);
      properties['ack'] = refTo(ackName);
    }
    const required = ['payload', ...((args.required ?? []).includes('ack') ? ['ack'] : [])];
    return [
      event,
      {
        ...(listener.description && { description: listener.description }),
        type: 'object',
        properties,
        required,
      },
    ];
  });
  return {
    ...(map.description && { description: map.description }),
    type: 'object',
    properties: Object.fromEntries(properties),
    required: events.map(([event]) => event),
  };
}

/**
 * The JSON Schemas (draft-07) of the contracts, generated from the TypeScript types of this
 * package: one definition per entry of `ResponseViews`, named as the entry, with its example; the
 * Socket.IO event maps as catalogues of their events' payloads and acknowledgements; the
 * handshake's types; the JSON files of a personal data export; and the named types all these refer to. A generic instance
 * (`Page<MessageView>`) takes the entry's name.
 */
export function contractSchemas(): ContractSchemas {
  const generator = createGenerator({
    path: join(LIB, 'src/index.ts'),
    tsconfig: join(LIB, 'tsconfig.lib.json'),
    expose: 'export',
    jsDoc: 'extended',
    topRef: true,
    // Responses may gain fields in a minor version: the schemas do not forbid unknown ones.
    additionalProperties: true,
    // The build type-checks these sources; the generator only reads them.
    skipTypeCheck: true,
    // The event maps are interfaces of listeners: their parameters are what is described.
    functions: 'comment',
  });
  const generated: Record<string, Definition> = {};
  for (const root of ['ResponseViews', ...EVENT_MAPS, ...HANDSHAKE, ...DATA_EXPORT_FILES]) {
    Object.assign(generated, generator.createSchema(root).definitions);
  }
  const { ResponseViews: views, ...named } = generated;

  const renamed = new Map<string, string>();
  const definitions: Record<string, Definition> = { ...named };
  for (const [entry, schema] of Object.entries(views.properties ?? {}) as [string, Definition][]) {
    const target = nameOf(schema);
    if (target === entry) continue;
    if (target && !PLAIN_NAME.test(target) && !renamed.has(target)) renamed.set(target, entry);
    else definitions[entry] = target ? { allOf: [schema] } : schema;
  }
  for (const map of EVENT_MAPS) definitions[map] = eventCatalogue(named[map], named, renamed);

  const rename = (name: string) => renamed.get(name) ?? name;
  const all = Object.fromEntries(
    Object.entries(definitions).map(([name, schema]) => [rename(name), renameRefs(schema, rename)]),
  );
  const kept = reachable(all, [
    ...Object.keys(views.properties ?? {}),
    ...EVENT_MAPS,
    ...HANDSHAKE,
    ...DATA_EXPORT_FILES,
  ]);
  const result = Object.fromEntries(Object.entries(all).filter(([name]) => kept.has(name)));
  for (const [entry, example] of Object.entries(RESPONSE_EXAMPLES)) result[entry].examples = [example];

  const unnamed = Object.keys(result).filter((name) => !PLAIN_NAME.test(name));
  if (unnamed.length > 0) {
    throw new Error(
      `Give these types a name of their own (an exported interface or type alias): ${unnamed.join(', ')}`,
    );
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated from the types of @promoto/shared-dto by `npx nx run shared-dto:schemas`: do not edit.',
    definitions: Object.fromEntries(
      Object.keys(result)
        .sort()
        .map((name) => [name, result[name]]),
    ),
  };
}

export const formatSchemas = (schemas: ContractSchemas) => `${JSON.stringify(schemas, null, 2)}\n`;
