import { Test } from '@nestjs/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { testDatabaseName, testServerUri } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port>, the API's real address: requests go over real HTTP. */
  baseUrl: string;
  connection: Connection;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule, configured exactly as main.ts does, on a random loopback port,
 * against this test file's own database. `env` overrides settings for this app only.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  Object.assign(process.env, {
    MONGODB_URI: testServerUri(),
    MONGODB_DB: testDatabaseName(),
    JWT_SECRET: process.env['JWT_SECRET'] ?? 'dev-only-promoto-secret-for-the-test-suite',
    LOG_LEVEL: 'warn',
    ...env,
  });
  // Imported after the environment is set: ConfigModule.forRoot validates it at import time.
  const { AppModule } = await import('../../src/app/app.module');
  const { APP_OPTIONS, configureApp } = await import('../../src/app/configure-app');
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule],
  }).compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>(APP_OPTIONS));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    connection,
    close: async () => {
      await connection.dropDatabase();
      await app.close();
    },
  };
}
