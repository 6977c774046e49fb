import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** A JSON Schema (draft-07) as the shared package's generated schemas.json holds them. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  examples?: unknown[];
  [keyword: string]: unknown;
}

const DEFINITIONS = '#/definitions/';
const COMPONENTS = '#/components/schemas/';
const isNull = (schema: JsonSchema) => schema.type === 'null';

/**
 * One JSON Schema in the dialect of OpenAPI 3.0, the version Nest writes: `null` becomes
 * `nullable`, `const` a one-value `enum`, `examples` one `example`, and a `$ref` with keywords
 * beside it (which 3.0 ignores) an `allOf` of the reference.
 */
export function toOpenApiSchema(schema: JsonSchema): SchemaObject | ReferenceObject {
  const { $ref, type, enum: values, const: constant, anyOf, examples, ...rest } = schema;
  const converted: SchemaObject & { $ref?: string } = {};
  for (const [keyword, value] of Object.entries(rest)) {
    (converted as Record<string, unknown>)[keyword] = convertValue(keyword, value);
  }
  if (Array.isArray(type)) {
    const types = type.filter((item) => item !== 'null');
    if (types.length !== 1) throw new Error(`no OpenAPI 3.0 equivalent for type ${JSON.stringify(type)}`);
    converted.type = types[0] as SchemaObject['type'];
    if (types.length < type.length) converted.nullable = true;
  } else if (type !== undefined) {
    converted.type = type as SchemaObject['type'];
  }
  if (values) {
    converted.enum = values.filter((value) => value !== null);
    if (converted.enum.length < values.length) converted.nullable = true;
  }
  if (constant !== undefined) converted.enum = [constant];
  if (examples?.length) converted.example = examples[0];
  if (anyOf) {
    const alternatives = anyOf.filter((alternative) => !isNull(alternative)).map(toOpenApiSchema);
    if (alternatives.length < anyOf.length) converted.nullable = true;
    if (alternatives.length === 1 && !('$ref' in alternatives[0])) Object.assign(converted, alternatives[0]);
    else if (alternatives.length === 1) converted.allOf = alternatives;
    else converted.anyOf = alternatives;
  }
  if ($ref === undefined) return converted;
  const reference = { $ref: COMPONENTS + $ref.slice(DEFINITIONS.length) };
  return Object.keys(converted).length === 0 ? reference : { ...converted, allOf: [reference] };
}

function convertValue(keyword: string, value: unknown): unknown {
  if (keyword === 'properties' || keyword === 'definitions') {
    return Object.fromEntries(
      Object.entries(value as Record<string, JsonSchema>).map(([name, schema]) => [name, toOpenApiSchema(schema)]),
    );
  }
  if (keyword === 'items' || keyword === 'additionalProperties') {
    return typeof value === 'object' && value !== null ? toOpenApiSchema(value as JsonSchema) : value;
  }
  if (keyword === 'allOf' || keyword === 'oneOf') return (value as JsonSchema[]).map(toOpenApiSchema);
  return value;
}

/**
 * An OpenAPI 3.0 schema (a DTO's, as Nest and the validation rules write it) in JSON Schema
 * draft-07, the default of AsyncAPI: `nullable` becomes a `null` type or alternative, `example`
 * one of `examples`. References keep pointing at `#/components/schemas/`.
 */
export function fromOpenApiSchema(schema: SchemaObject | ReferenceObject): JsonSchema {
  if ('$ref' in schema) return { $ref: schema.$ref };
  const { nullable, example, ...rest } = schema;
  const converted: JsonSchema = {};
  for (const [keyword, value] of Object.entries(rest)) {
    converted[keyword] = convertOpenApiValue(keyword, value);
  }
  if (example !== undefined) converted.examples = [example];
  if (!nullable) return converted;
  if (typeof converted.type === 'string') {
    return { ...converted, type: [converted.type, 'null'], ...(converted.enum && { enum: [...converted.enum, null] }) };
  }
  return { anyOf: [converted, { type: 'null' }] };
}

function convertOpenApiValue(keyword: string, value: unknown): unknown {
  if (keyword === 'properties') {
    return Object.fromEntries(
      Object.entries(value as Record<string, SchemaObject>).map(([name, schema]) => [name, fromOpenApiSchema(schema)]),
    );
  }
  if (keyword === 'items' || keyword === 'additionalProperties') {
    return typeof value === 'object' && value !== null ? fromOpenApiSchema(value as SchemaObject) : value;
  }
  if (keyword === 'allOf' || keyword === 'oneOf' || keyword === 'anyOf') {
    return (value as SchemaObject[]).map(fromOpenApiSchema);
  }
  return value;
}
