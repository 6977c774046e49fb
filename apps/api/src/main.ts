import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';
import { APP_OPTIONS, configureApp, GLOBAL_PREFIX } from './app/configure-app';
import { validateEnvironment, type Environment } from './config/environment';

/** A bad setting stops the process with the one sentence that names it, before Nest starts. */
function readEnvironmentOrExit(): Environment {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

async function bootstrap() {
  const { HOST, PORT, SHUTDOWN_TIMEOUT_MS } = readEnvironmentOrExit();
  // Nest drains and closes on SIGTERM; this bounds how long that may take.
  process.once('SIGTERM', () => setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref());
  const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, APP_OPTIONS));
  await app.listen(PORT, HOST);
  app.get(Logger).log(`API listening on http://${HOST}:${PORT}/${GLOBAL_PREFIX}`, 'Bootstrap');
}

void bootstrap();
