import { tracing } from './instrument';
import { ConsoleLogger, Logger as NestLogger, type INestApplication } from '@nestjs/common';
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
 * Installed before the app is created, so that a signal is never ignored (as PID 1 in a container,
 * a process without handlers ignores SIGTERM). During start, with nothing served yet, it exits 0 at
 * once, even while the database is still unreachable. Once the app exists it drains and closes (see
 * DrainService), then exits 0, or 1 when that takes longer than the timeout.
 */
function exitGracefullyOn(signals: NodeJS.Signals[], timeoutMs: number): (app: INestApplication) => void {
  let started: INestApplication | undefined;
  const close = (signal: NodeJS.Signals) => {
    signals.forEach((other) => process.removeAllListeners(other));
    const app = started;
    if (!app) process.exit(0);
    setTimeout(() => process.exit(1), timeoutMs).unref();
    app.close().then(
      // Spans still buffered go to the collector before the process ends.
      () => (tracing?.shutdown() ?? Promise.resolve()).finally(() => process.exit(0)),
      (error: Error) => {
        app.get(Logger).error(`shutdown after ${signal} failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  signals.forEach((signal) => process.once(signal, close));
  return (app) => (started = app);
}

async function bootstrap(environment: Environment) {
  const { HOST, PORT, SHUTDOWN_TIMEOUT_MS } = environment;
  const attach = exitGracefullyOn(['SIGTERM', 'SIGINT'], SHUTDOWN_TIMEOUT_MS);
  // Until pino takes over, Nest's own logger writes what start-up says, as JSON in production.
  const startupLogger = new ConsoleLogger({ json: environment.NODE_ENV === 'production' });
  startupLogger.log(`starting on Node.js ${process.version}`, 'Bootstrap');
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, {
      ...APP_OPTIONS,
      logger: startupLogger,
      abortOnError: false,
    }),
  );
  attach(app);
  await app.listen(PORT, HOST);
  app.get(Logger).log(`API listening on http://${HOST}:${PORT}/${GLOBAL_PREFIX}`, 'Bootstrap');
}

bootstrap(readEnvironmentOrExit()).catch((error: Error) => {
  NestLogger.flush();
  NestLogger.error(`API failed to start: ${error.message}`, error.stack, 'Bootstrap');
  process.exit(1);
});
