import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';

export const GLOBAL_PREFIX = 'api';

/** Everything main.ts sets on the app, shared with the integration tests so they run the real thing. */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.enableCors({ origin: config.get('FRONTEND_URL', { infer: true }), credentials: true });
  app.enableShutdownHooks();
  return app;
}
