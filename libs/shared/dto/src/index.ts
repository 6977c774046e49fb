export * from './lib/limits';
