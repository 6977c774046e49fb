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

const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const DEFINITIONS = '#/definitions/';

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

/**
 * The JSON Schemas (draft-07) of the contracts, generated from the TypeScript types of this
 * package: one definition per entry of `ResponseViews`, named as the entry, with its example, and
 * the named types they refer to. A generic instance (`Page<MessageView>`) takes the entry's name.
 */
export function contractSchemas(): ContractSchemas {
  const generated = createGenerator({
    path: join(LIB, 'src/index.ts'),
    tsconfig: join(LIB, 'tsconfig.lib.json'),
    type: 'ResponseViews',
    expose: 'export',
    jsDoc: 'extended',
    topRef: true,
    // Responses may gain fields in a minor version: the schemas do not forbid unknown ones.
    additionalProperties: true,
    // The build type-checks these sources; the generator only reads them.
    skipTypeCheck: true,
  }).createSchema('ResponseViews');
  const { ResponseViews: root, ...named } = generated.definitions ?? {};
  const entries = Object.entries((root as Definition).properties ?? {}) as [string, Definition][];

  const renamed = new Map<string, string>();
  const definitions: Record<string, Definition> = {};
  for (const [entry, schema] of entries) {
    const target = schema.$ref ? decodeURIComponent(schema.$ref.slice(DEFINITIONS.length)) : undefined;
    if (target === entry) continue;
    if (target && !PLAIN_NAME.test(target) && !renamed.has(target)) renamed.set(target, entry);
    else definitions[entry] = target ? { allOf: [schema] } : schema;
  }
  const rename = (name: string) => renamed.get(name) ?? name;
  for (const [name, schema] of Object.entries(named)) definitions[rename(name)] = schema as Definition;

  const unnamed = Object.keys(definitions).filter((name) => !PLAIN_NAME.test(name));
  if (unnamed.length > 0) {
    throw new Error(
      `Give these types a name of their own (an exported interface or type alias): ${unnamed.join(', ')}`,
    );
  }
  for (const [entry, example] of Object.entries(RESPONSE_EXAMPLES)) definitions[entry].examples = [example];

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated from the types of @promoto/shared-dto by `npx nx run shared-dto:schemas`: do not edit.',
    definitions: Object.fromEntries(
      Object.keys(definitions)
        .sort()
        .map((name) => [name, renameRefs(definitions[name], rename)]),
    ),
  };
}

export const formatSchemas = (schemas: ContractSchemas) => `${JSON.stringify(schemas, null, 2)}\n`;
