import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_CODES } from '@promoto/shared-dto';
import { documentRules } from './api-docs-rules';
import { viewSchemas } from './api-views';

const API_ERROR: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 403 },
    code: { type: 'string', enum: Object.values(ERROR_CODES), example: ERROR_CODES.FORBIDDEN },
    message: { type: 'string', example: 'You cannot write to yourself.' },
    details: { type: 'array', items: { type: 'string' }, description: 'One sentence per invalid field' },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/**
 * The errors every route shares, written once instead of on each handler: 400 for any input,
 * 401 behind a token, 404 when the path names something, 429 where a rate limit applies.
 */
function documentCommonErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ApiError: API_ERROR } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation) continue;
      const responses = operation.responses;
      responses['400'] ??= errorResponse(
        'VALIDATION_FAILED: the input is not valid; `details` says why, field by field',
      );
      if (operation.security?.length) {
        responses['401'] ??= errorResponse('UNAUTHENTICATED or TOKEN_EXPIRED: no valid bearer token');
      }
      if (path.includes('{')) responses['404'] ??= errorResponse('NOT_FOUND: nothing of yours has this id');
    }
  }
  return document;
}

/** The OpenAPI document of the app's routes (also written into the DTO package, see ../openapi.ts). */
export function createApiDocument(app: NestExpressApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Promoto Messages API')
      .setDescription(
        'Real-time messaging between clients and garagistes. Errors are `{ statusCode, code, message, details? }`. ' +
          'Socket.IO (path /socket.io, handshake `auth.token`): join-room, leave-room, send-message, mark-read, typing; ' +
          'server events new-message, messages-read, typing, conversation-updated, session-replaced (the oldest socket of an account over its cap, just before it is closed).',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  // The shared views' generated schemas; documentRules keeps those the routes answer with.
  document.components = { ...document.components, schemas: { ...viewSchemas(), ...document.components?.schemas } };
  return documentRules(app, documentCommonErrors(document));
}

/** OpenAPI at /api/docs (JSON at /api/docs-json). */
export function setUpApiDocs(app: NestExpressApplication): void {
  SwaggerModule.setup('docs', app, createApiDocument(app), {
    useGlobalPrefix: true,
    jsonDocumentUrl: 'docs-json',
  });
}
