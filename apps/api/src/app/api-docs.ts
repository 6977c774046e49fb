import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_CODES } from '@promoto/shared-dto';
import contracts from '@promoto/shared-dto/package.json';
import type { Express } from 'express';
import { documentRules, pruneSchemas } from './api-docs-rules';
import { viewSchemas } from './api-views';
import { createAsyncApiDocument, socketPayloadTypes, type AsyncApiDocument } from './async-api';

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

export interface ApiDocuments {
  openapi: OpenAPIObject;
  asyncapi: AsyncApiDocument;
}

/**
 * The OpenAPI document of the app's routes and the AsyncAPI document of its Socket.IO events, both
 * versioned as the contracts package (also written into it, see ../api-documents.ts).
 */
export function createApiDocuments(app: NestExpressApplication): ApiDocuments {
  const payloadTypes = socketPayloadTypes(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Promoto Messages API')
      .setDescription(
        'Real-time messaging between clients and garagistes. Errors are `{ statusCode, code, message, details? }`. ' +
          'The Socket.IO events (path /socket.io, handshake `auth.token`) are described by the AsyncAPI document at /api/docs/asyncapi.json.',
      )
      .setVersion(contracts.version)
      .addBearerAuth()
      .build(),
    // The socket events' DTOs, for the AsyncAPI document, get their schemas and rules as the bodies do.
    { extraModels: [...new Set(payloadTypes.values())] },
  );
  // The shared views' generated schemas; pruneSchemas keeps those the routes answer with.
  document.components = { ...document.components, schemas: { ...viewSchemas(), ...document.components?.schemas } };
  documentRules(app, documentCommonErrors(document));
  const asyncapi = createAsyncApiDocument(payloadTypes, document.components.schemas ?? {}, contracts.version);
  return { openapi: pruneSchemas(document), asyncapi };
}

/** OpenAPI at /api/docs (JSON at /api/docs-json), AsyncAPI at /api/docs/asyncapi.json. */
export function setUpApiDocs(app: NestExpressApplication, prefix: string): void {
  const { openapi, asyncapi } = createApiDocuments(app);
  const express = app.getHttpAdapter().getInstance() as Express;
  express.get(`/${prefix}/docs/asyncapi.json`, (_request, response) => response.json(asyncapi));
  SwaggerModule.setup('docs', app, openapi, {
    useGlobalPrefix: true,
    jsonDocumentUrl: 'docs-json',
  });
}
