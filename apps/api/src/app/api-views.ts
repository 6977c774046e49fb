import { SetMetadata } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ResponseViewName, ResponseViews } from '@promoto/shared-dto';
import generated from '@promoto/shared-dto/schemas.json';
import { toOpenApiSchema, type JsonSchema } from './openapi-schema';

export const API_VIEW = 'promoto:api-view';

type Handler<View> = (...args: never[]) => View | Promise<View>;

/**
 * The route answers, on success, with the shared view registered as `name` in ResponseViews: the
 * OpenAPI document describes its body with that view's generated schema. The compiler refuses a
 * name whose view is not what the handler returns.
 */
export const ApiView =
  <Name extends ResponseViewName>(name: Name) =>
  <H extends Handler<ResponseViews[Name]>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ) =>
    SetMetadata(API_VIEW, name)(target, key, descriptor);

/** The generated schemas of the shared views and of the types they refer to, as OpenAPI 3.0 components. */
export const viewSchemas = (): Record<string, SchemaObject> =>
  Object.fromEntries(
    Object.entries(generated.definitions as Record<string, JsonSchema>).map(([name, schema]) => [
      name,
      toOpenApiSchema(schema) as SchemaObject,
    ]),
  );
