import type { INestApplication } from '@nestjs/common';
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

/**
 * On SIGTERM the app drains and closes (see DrainService), then the process exits 0; a close
 * that takes longer than the timeout exits 1 so that the orchestrator never waits forever.
 */
function closeGracefullyOn(signals: NodeJS.Signals[], app: INestApplication, timeoutMs: number): void {
  const close = (signal: NodeJS.Signals) => {
    signals.forEach((other) => process.removeAllListeners(other));
    setTimeout(() => process.exit(1), timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        app.get(Logger).error(`shutdown after ${signal} failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  signals.forEach((signal) => process.once(signal, close));
}

async function bootstrap() {
  const { HOST, PORT, SHUTDOWN_TIMEOUT_MS } = readEnvironmentOrExit();
  const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, APP_OPTIONS));
  await app.listen(PORT, HOST);
  closeGracefullyOn(['SIGTERM', 'SIGINT'], app, SHUTDOWN_TIMEOUT_MS);
  app.get(Logger).log(`API listening on http://${HOST}:${PORT}/${GLOBAL_PREFIX}`, 'Bootstrap');
}

void bootstrap();
