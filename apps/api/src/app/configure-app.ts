import type { NestApplicationOptions } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import { noStore } from '../common/no-store.middleware';
import { inputPipes } from '../common/validation';
import type { Environment } from '../config/environment';
import { AppIoAdapter } from '../realtime/app-io.adapter';
import { setUpApiDocs } from './api-docs';

export const GLOBAL_PREFIX = 'api';

/** Our own body parser (with a size limit) replaces Nest's default one. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/** The largest valid body is a 2,000-character message: anything far above is refused with 413. */
const BODY_LIMIT = '32kb';

/** Everything main.ts sets on the app, shared with the integration tests so they run the real thing. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.get('TRUST_PROXY', { infer: true }));
  // The API serves JSON only; its docs page needs inline scripts and styles, nothing else.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } }));
  app.use(noStore);
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalPipes(...inputPipes);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(new AppIoAdapter(app));
  app.enableCors({
    origin: config.get('FRONTEND_URL', { infer: true }),
    credentials: true,
  });
  setUpApiDocs(app, GLOBAL_PREFIX);
  return app;
}
