import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiDocument } from './app/api-docs';
import { AppModule } from './app/app.module';
import { GLOBAL_PREFIX } from './app/configure-app';

/**
 * `node dist/apps/api/openapi.js <file>` writes the API's OpenAPI document, the one /api/docs-json
 * serves, for the DTO package. Nest's preview mode builds the module graph without creating any
 * provider, so nothing connects to a database.
 */
async function writeOpenApiDocument(path: string | undefined): Promise<void> {
  if (!path) throw new Error('usage: node openapi.js <output file>');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    preview: true,
    logger: ['error'],
    abortOnError: false,
  });
  app.setGlobalPrefix(GLOBAL_PREFIX);
  writeFileSync(path, `${JSON.stringify(createApiDocument(app), null, 2)}\n`);
}

writeOpenApiDocument(process.argv[2]).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
