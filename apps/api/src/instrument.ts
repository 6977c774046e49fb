// Imported first by main.ts: tracing must hook http, express, mongodb and ioredis before they load.
// A bad setting is reported (and stops the process) by main.ts's own validation right after.
// The settings' validation decorators need reflect-metadata, which Nest would load later.
import 'reflect-metadata';
import { validateEnvironment } from './config/environment';
import { startTracing } from './observability/tracing';

function settings() {
  try {
    return validateEnvironment(process.env);
  } catch {
    return undefined;
  }
}

const environment = settings();
export const tracing = environment ? startTracing(environment) : undefined;
