import { HttpStatus, RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OBJECT_ID_PATTERN, USER_ROLES, type UserRole } from '@promoto/shared-dto';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DEFAULT_ROLES, IS_PUBLIC, ROLES } from '../auth/auth.decorators';
import { API_VIEW } from './api-views';

type Rule = Pick<SchemaObject, 'type' | 'pattern' | 'enum' | 'maxLength'>;
type Class = abstract new (...args: never[]) => unknown;
type Handler = (...args: never[]) => unknown;

const SCHEMAS = '#/components/schemas/';
const ID_RULE: Rule = { type: 'string', pattern: OBJECT_ID_PATTERN.source };
const isId = (schema: SchemaObject | undefined) => schema?.pattern === OBJECT_ID_PATTERN.source;

/** What a class-validator rule of ours says in JSON Schema words (the Swagger plugin misses these). */
function ruleOf(metadata: ValidationMetadata): Rule | undefined {
  if (metadata.name === 'isObjectId') return ID_RULE;
  if (metadata.name === 'isIn') return { type: 'string', enum: [...(metadata.constraints[0] as string[])] };
  if (metadata.name === 'maxCharacters') return { maxLength: metadata.constraints[0] as number };
  return undefined;
}

/** class-validator's registry of the validated classes (the DTOs) and their rules. */
const validationRegistry = () =>
  (getMetadataStorage() as unknown as { validationMetadatas: Map<Class, ValidationMetadata[]> }).validationMetadatas;

/** class name → property → rule, read from class-validator's registry of the DTOs. */
function validationRules(): Map<string, Map<string, Rule>> {
  const registry = validationRegistry();
  const rules = new Map<string, Map<string, Rule>>();
  for (const [target, metadatas] of registry) {
    for (const metadata of metadatas) {
      const rule = ruleOf(metadata);
      // A rule applied to each element (attachmentIds) does not describe the array itself.
      if (!rule || metadata.each) continue;
      const properties = rules.get(target.name) ?? new Map<string, Rule>();
      properties.set(metadata.propertyName, { ...properties.get(metadata.propertyName), ...rule });
      rules.set(target.name, properties);
    }
  }
  return rules;
}

/**
 * For a route whose query is not one validated DTO: a query parameter gets a rule when every DTO
 * with a property of that name agrees on it.
 */
function rulesByName(rules: Map<string, Map<string, Rule>>): Map<string, Rule> {
  const byName = new Map<string, Rule | null>();
  for (const properties of rules.values()) {
    for (const [name, rule] of properties) {
      const known = byName.get(name);
      byName.set(name, known === undefined || JSON.stringify(known) === JSON.stringify(rule) ? rule : null);
    }
  }
  return new Map([...byName].filter((entry): entry is [string, Rule] => entry[1] !== null));
}

interface RouteFacts {
  status: number;
  /** Whether some signed-in role is refused (403). */
  roles: boolean;
  /** The shared view the route answers with (@ApiView), if it names one. */
  view?: string;
  /** The DTO class its whole query is validated by (`@Query() query: XQueryDto`), if any. */
  query?: Class;
}

/** The class of the handler's whole `@Query()` argument, whose rules describe its query parameters. */
function queryClassOf(controller: Class, name: string): Class | undefined {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) as
    | Record<string, { index: number; data?: unknown }>
    | undefined;
  const types = Reflect.getMetadata('design:paramtypes', controller.prototype, name) as Class[] | undefined;
  const whole = Object.entries(args ?? {}).find(
    ([key, arg]) => key.startsWith(`${RouteParamtypes.QUERY}:`) && arg.data === undefined,
  );
  return whole ? types?.[whole[1].index] : undefined;
}

/** A query DTO's rule for a parameter: its own, or that of a class it extends (a list's PageQueryDto). */
function ruleOfQuery(rules: Map<string, Map<string, Rule>>, query: Class, parameter: string): Rule | undefined {
  for (
    let target: unknown = query;
    typeof target === 'function' && target.name;
    target = Object.getPrototypeOf(target)
  ) {
    const rule = rules.get(target.name)?.get(parameter);
    if (rule) return rule;
  }
  return undefined;
}

const VERBS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/')}`;

/**
 * `"post /messages"` → the status Nest answers on success and whether @Roles() restricts it. Keys
 * leave out the global prefix, which the document's paths carry.
 */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | null;
      if (!controller) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      const prototype = controller.prototype as Record<string, Handler>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const verb = VERBS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (!verb || path === undefined) continue;
        const status =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (verb === 'post' ? HttpStatus.CREATED : HttpStatus.OK);
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller));
        const admitted = (Reflect.getMetadata(ROLES, handler) ??
          Reflect.getMetadata(ROLES, controller) ??
          DEFAULT_ROLES) as readonly UserRole[];
        const roles = !isPublic && admitted.length < USER_ROLES.length;
        const view = Reflect.getMetadata(API_VIEW, handler) as string | undefined;
        const query = queryClassOf(controller, name);
        facts.set(`${verb} ${joinPath(base, path)}`, { status, roles, view, query });
      }
    }
  }
  return facts;
}

const withoutRef = (schema: (SchemaObject & { $ref?: string }) | undefined): SchemaObject =>
  Object.fromEntries(Object.entries(schema ?? {}).filter(([key]) => key !== '$ref'));

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

function documentOperation(
  operation: OperationObject,
  facts: RouteFacts | undefined,
  schemas: Record<string, SchemaObject>,
  rules: Map<string, Map<string, Rule>>,
  queryRules: Map<string, Rule>,
): void {
  const responses = operation.responses;
  const success = facts && {
    description: facts.status === HttpStatus.CREATED ? 'Created' : 'OK',
    ...(facts.view && { content: { 'application/json': { schema: { $ref: `${SCHEMAS}${facts.view}` } } } }),
  };
  if (success && (facts.view || !Object.keys(responses).some((status) => status.startsWith('2')))) {
    responses[String(facts.status)] = success;
  }
  if (facts?.roles) responses['403'] ??= errorResponse('FORBIDDEN: this action is reserved to another role');
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const parameter of parameters) {
    // Every path parameter of this API is an id; a query parameter follows its route's DTO (a
    // garage page's opaque `cursor` is not the id another route's `cursor` is).
    const queryRule = facts?.query ? ruleOfQuery(rules, facts.query, parameter.name) : queryRules.get(parameter.name);
    const rule = parameter.in === 'path' ? ID_RULE : queryRule;
    // A query field typed by an alias of string literals comes out of the plugin as `$ref: Object`,
    // which would hide the rule's type and enum from clients: the rule replaces it.
    if (rule) parameter.schema = { ...withoutRef(parameter.schema as SchemaObject | undefined), ...rule };
  }
  const body = operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
  const bodySchema = schemas[body?.content?.['application/json']?.schema?.$ref?.split('/').pop() ?? ''];
  const namesSomething =
    parameters.some((parameter) => isId(parameter.schema as SchemaObject | undefined)) ||
    Object.values(bodySchema?.properties ?? {}).some((property) => isId(property as SchemaObject));
  if (operation.security?.length && namesSomething) {
    responses['404'] ??= errorResponse('NOT_FOUND: nothing of yours has an id the request names');
  }
  if (body) responses['413'] ??= errorResponse('PAYLOAD_TOO_LARGE: the body is over 32 kB');
}

/**
 * What the decorators cannot say on their own: the class-validator rules of ours as JSON Schema
 * (id patterns, enums typed as strings, lengths in characters, no unknown fields), ids in paths, each route's success
 * status and role restriction as Nest applies them, 404 where the request names something, 413
 * where there is a body, and 503 DATABASE_UNAVAILABLE wherever the database is read.
 */
export function documentRules(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const rules = validationRules();
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  // The API refuses unknown fields in every validated body (forbidNonWhitelisted).
  for (const target of validationRegistry().keys()) {
    if (schemas[target.name]?.properties) schemas[target.name].additionalProperties = false;
  }
  for (const [className, properties] of rules) {
    const schema = schemas[className];
    if (!schema?.properties) continue;
    for (const [property, rule] of properties) {
      const current = schema.properties[property] as SchemaObject | undefined;
      if (current) schema.properties[property] = { ...current, ...rule };
    }
  }
  const facts = routeFacts(app);
  const queryRules = rulesByName(rules);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const verb of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[verb];
      if (!operation) continue;
      const route = path.replace(/^\/[^/]+/, '');
      documentOperation(operation, facts.get(`${verb} ${route}`), schemas, rules, queryRules);
      if (!route.startsWith('/health')) {
        operation.responses['503'] ??= errorResponse(
          'DATABASE_UNAVAILABLE: the database cannot be reached right now; retry shortly (SERVICE_UNAVAILABLE while the replica shuts down)',
        );
      }
    }
  }
  return document;
}

/**
 * Only the schemas the routes use, directly or through another schema: not the shared views no
 * route answers with, the socket events' DTOs, nor the plugin's empty `Object` once the query rules
 * replaced its references.
 */
export function pruneSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const reachable = referencedSchemas(document.paths, schemas as Record<string, SchemaObject>);
  for (const name of Object.keys(schemas)) if (!reachable.has(name)) delete schemas[name];
  return document;
}

const references = (value: unknown) =>
  [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);

/** The schemas the paths refer to, and those these refer to, and so on. */
function referencedSchemas(paths: OpenAPIObject['paths'], schemas: Record<string, SchemaObject>): Set<string> {
  const reached = new Set<string>();
  const pending = references(paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    pending.push(...references(schemas[name]));
  }
  return reached;
}
