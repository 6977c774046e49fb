import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiDocuments } from './app/api-docs';
import { AppModule } from './app/app.module';
import { GLOBAL_PREFIX } from './app/configure-app';

const write = (path: string, document: object) => writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);

/**
 * `node dist/apps/api/api-documents.js <openapi file> <asyncapi file>` writes the API's OpenAPI and
 * AsyncAPI documents, the ones /api/docs-json and /api/docs/asyncapi.json serve, for the DTO
 * package. Nest's preview mode builds the module graph without creating any provider, so nothing
 * connects to a database.
 */
async function writeApiDocuments(openapiPath: string | undefined, asyncapiPath: string | undefined): Promise<void> {
  if (!openapiPath || !asyncapiPath) throw new Error('usage: node api-documents.js <openapi file> <asyncapi file>');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    preview: true,
    logger: ['error'],
    abortOnError: false,
  });
  app.setGlobalPrefix(GLOBAL_PREFIX);
  const { openapi, asyncapi } = createApiDocuments(app);
  write(openapiPath, openapi);
  write(asyncapiPath, asyncapi);
}

writeApiDocuments(process.argv[2], process.argv[3]).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
