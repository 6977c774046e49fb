import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type Schema = Record<string, unknown>;

/**
 * A schema of an OpenAPI or AsyncAPI document as JSON Schema, stricter: `nullable` becomes an
 * alternative of `null` (as schemathesis reads it), and every object that lists its properties gets
 * `additionalProperties: false`, so that an answer carrying a field its type does not declare (an
 * `_id`, a hash, a field added without its type) fails.
 */
function strict(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strict);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...schema } = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, strict(item)]));
  if ('properties' in schema && !('additionalProperties' in schema)) schema['additionalProperties'] = false;
  if (nullable !== true) return schema;
  if (Array.isArray(schema['enum'])) schema['enum'] = [...schema['enum'], null];
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * Validators of schemas that refer to a document's `#/components/schemas/`: each component is
 * registered under its own name, strict as above.
 */
export function schemaValidator(components: Record<string, Schema>): (schema: Schema) => ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addKeyword('example');
  const named = (schema: unknown) =>
    JSON.parse(JSON.stringify(strict(schema)).replaceAll('"#/components/schemas/', '"')) as Schema;
  for (const [name, schema] of Object.entries(components)) ajv.addSchema(named(schema), name);
  const compiled = new Map<Schema, ValidateFunction>();
  return (schema: Schema) => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile(named(schema)));
    return compiled.get(schema) as ValidateFunction;
  };
}

/** `[label, []]` when `value` matches, `[label, errors]` otherwise: one expectation names what failed. */
export function conformance(validate: ValidateFunction, value: unknown, label: string): [string, unknown] {
  return [label, validate(value) ? [] : validate.errors];
}
