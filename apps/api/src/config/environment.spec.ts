import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from './environment';

const SECRET = 'f3a9c1d2e4b5a6978812bc3d4e5f6a7b';
const BASE = { MONGODB_URI: 'mongodb://127.0.0.1:27017/promoto', JWT_SECRET: SECRET };

describe('validateEnvironment: secrets from files and refused placeholders', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'promoto-env-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every *_FILE secret, dropping the trailing newline that editors and echo leave', () => {
    const environment = validateEnvironment({
      NODE_ENV: 'production',
      MONGODB_URI_FILE: file('mongodb_uri', 'mongodb://promoto_app:p%40ss%3Aw%2Frd@mongo:27017/promoto\n'),
      REDIS_URL_FILE: file('redis_url', 'redis://:0123456789abcdef@redis:6379\n'),
      JWT_SECRET_FILE: file('jwt_secret', `${SECRET}\n`),
      METRICS_TOKEN_FILE: file('metrics_token', 'metrics-0123456789abcdef'),
      SMTP_URL_FILE: file('smtp_url', 'smtps://promoto:s3cr3t-0123456789@smtp.example.test:465\n'),
    });
    expect(environment).toMatchObject({
      MONGODB_URI: 'mongodb://promoto_app:p%40ss%3Aw%2Frd@mongo:27017/promoto',
      REDIS_URL: 'redis://:0123456789abcdef@redis:6379',
      JWT_SECRET: SECRET,
      METRICS_TOKEN: 'metrics-0123456789abcdef',
      SMTP_URL: 'smtps://promoto:s3cr3t-0123456789@smtp.example.test:465',
    });
  });

  it('checks a secret read from a file like one given directly', () => {
    expect(() =>
      validateEnvironment({ ...BASE, JWT_SECRET: undefined, JWT_SECRET_FILE: file('short', 'short\n') }),
    ).toThrow('Invalid configuration: environment variable JWT_SECRET must be at least 32 characters long.');
  });

  it('refuses a *_FILE that cannot be read, and a secret given both ways with different values, naming the variable', () => {
    expect(() => validateEnvironment({ ...BASE, METRICS_TOKEN_FILE: join(dir, 'missing') })).toThrow(
      `Invalid configuration: environment variable METRICS_TOKEN_FILE names ${join(dir, 'missing')}, which cannot be read (ENOENT).`,
    );
    expect(() => validateEnvironment({ ...BASE, JWT_SECRET_FILE: file('jwt', `other-${SECRET}`) })).toThrow(
      'Invalid configuration: environment variables JWT_SECRET and JWT_SECRET_FILE are both set, to different values; set one.',
    );
  });

  it.each([
    ['JWT_SECRET', 'change-me-to-a-long-random-secret-of-64-hex-chars'],
    ['JWT_SECRET', 'CHANGEME_CHANGEME_CHANGEME_CHANGEME'],
    ['METRICS_TOKEN', 'change-me-metrics-token'],
    ['MONGODB_URI', 'mongodb://promoto:change-me-mongo-password@mongo:27017/promoto'],
    ['MONGODB_URI', 'mongodb://promoto:change%2Dme@mongo:27017/promoto'],
    ['REDIS_URL', 'redis://:replace-me@redis:6379'],
    ['SMTP_URL', 'smtp://promoto:change-me@smtp.example.test:587'],
  ])('refuses a placeholder %s (%s) in production, and accepts it in development', (name, value) => {
    expect(() => validateEnvironment({ ...BASE, NODE_ENV: 'production', [name]: value })).toThrow(
      `Invalid configuration: environment variable ${name} holds a placeholder secret; production must supply its own.`,
    );
    expect(validateEnvironment({ ...BASE, NODE_ENV: 'development', [name]: value })).toMatchObject({ [name]: value });
  });

  it('accepts real secrets in production, and a database host whose name merely contains a word', () => {
    expect(
      validateEnvironment({
        ...BASE,
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb://promoto_app:9b1f0c7e@change-me-not.internal:27017/promoto',
        METRICS_TOKEN: 'metrics-0123456789abcdef',
      }).NODE_ENV,
    ).toBe('production');
  });
});

describe('validateEnvironment: telemetry', () => {
  it('leaves tracing off unless an OTLP endpoint is given, and checks what is given', () => {
    expect(validateEnvironment(BASE)).toMatchObject({ OTEL_SERVICE_NAME: 'promoto-api', OTEL_TRACES_SAMPLER_ARG: 1 });
    expect(validateEnvironment(BASE).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(
      validateEnvironment({
        ...BASE,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
      }),
    ).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_TRACES_SAMPLER_ARG: 0.1 });
    expect(() => validateEnvironment({ ...BASE, OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' })).toThrow(
      'Invalid configuration: environment variable OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://otel-collector:4318.',
    );
    expect(() => validateEnvironment({ ...BASE, OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(
      'Invalid configuration: environment variable OTEL_TRACES_SAMPLER_ARG',
    );
  });
});

describe('validateEnvironment: issue 23 settings', () => {
  it('allows loopback push endpoints in tests only', () => {
    expect(validateEnvironment({ ...BASE, NODE_ENV: 'test', PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'true' })).toMatchObject({
      PUSH_ALLOW_LOOPBACK_ENDPOINTS: true,
    });
    for (const NODE_ENV of ['production', 'development']) {
      expect(() => validateEnvironment({ ...BASE, NODE_ENV, PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'true' })).toThrow(
        'Invalid configuration: environment variable PUSH_ALLOW_LOOPBACK_ENDPOINTS is for tests only (NODE_ENV=test); unset it.',
      );
    }
    expect(() => validateEnvironment({ ...BASE, PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'yes' })).toThrow(
      'Invalid configuration: environment variable PUSH_ALLOW_LOOPBACK_ENDPOINTS must be true or false.',
    );
  });

  it('keeps image processing below the thread pool, so that password hashing always has a thread', () => {
    expect(validateEnvironment({ ...BASE, IMAGE_PROCESSING_CONCURRENCY: '3' }).IMAGE_PROCESSING_CONCURRENCY).toBe(3);
    expect(() => validateEnvironment({ ...BASE, IMAGE_PROCESSING_CONCURRENCY: '4' })).toThrow(
      'Invalid configuration: environment variable IMAGE_PROCESSING_CONCURRENCY must be below UV_THREADPOOL_SIZE (4), so that password hashing always has a thread.',
    );
    expect(
      validateEnvironment({ ...BASE, IMAGE_PROCESSING_CONCURRENCY: '4', UV_THREADPOOL_SIZE: '8' }).UV_THREADPOOL_SIZE,
    ).toBe(8);
  });

  it.each([
    ['IMAGE_MAX_MEGAPIXELS', '300'],
    ['IMAGE_MAX_MEGAPIXELS', '0'],
    ['IMAGE_QUEUE_MAX_WAITING', '-1'],
    ['PUSH_SUBSCRIPTIONS_PER_USER', '0'],
    ['THROTTLE_LOGIN_PER_ADDRESS_AND_ACCOUNT_PER_15MIN', 'ten'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => validateEnvironment({ ...BASE, [name]: value })).toThrow(
      new RegExp(`^Invalid configuration: environment variable ${name} `),
    );
  });
});

describe('validateEnvironment: key sets', () => {
  const URI = { MONGODB_URI: BASE.MONGODB_URI };
  const keys = (prefix: string) =>
    `${prefix}-2:${prefix.repeat(40).slice(0, 40)}, ${prefix}-1:${'x'.repeat(32)}${prefix}`;
  const ALL_SETS = { SESSION_KEYS: keys('s'), ATTACHMENT_LINK_KEYS: keys('a'), UNSUBSCRIBE_LINK_KEYS: keys('u') };

  it('needs JWT_SECRET or every key set, naming the first one missing', () => {
    expect(() => validateEnvironment(URI)).toThrow(
      'Invalid configuration: environment variable SESSION_KEYS is required when JWT_SECRET is unset (kid:secret pairs, see README « Key rotation »).',
    );
    expect(() => validateEnvironment({ ...URI, SESSION_KEYS: ALL_SETS.SESSION_KEYS })).toThrow(
      /environment variable ATTACHMENT_LINK_KEYS is required when JWT_SECRET is unset/,
    );
    expect(validateEnvironment({ ...URI, ...ALL_SETS }).SESSION_KEYS).toBe(ALL_SETS.SESSION_KEYS);
    expect(validateEnvironment({ ...BASE, SESSION_KEYS: ALL_SETS.SESSION_KEYS }).JWT_SECRET).toBe(SECRET);
  });

  it('refuses a malformed set, a kid named twice and a secret shared by two purposes, naming the variable', () => {
    expect(() => validateEnvironment({ ...BASE, SESSION_KEYS: 'k1:short' })).toThrow(
      /^Invalid configuration: environment variable SESSION_KEYS must be kid:secret pairs separated by commas/,
    );
    expect(() => validateEnvironment({ ...BASE, SESSION_KEYS: `k1:${'a'.repeat(32)},k1:${'b'.repeat(32)}` })).toThrow(
      'Invalid configuration: environment variable SESSION_KEYS names the key "k1" twice.',
    );
    expect(() => validateEnvironment({ ...URI, ...ALL_SETS, UNSUBSCRIBE_LINK_KEYS: `u-3:${'s'.repeat(40)}` })).toThrow(
      'Invalid configuration: environment variable UNSUBSCRIBE_LINK_KEYS reuses a secret of SESSION_KEYS: each purpose needs keys of its own.',
    );
    expect(() => validateEnvironment({ ...BASE, ATTACHMENT_LINK_KEYS: `a-1:${SECRET}` })).toThrow(
      'Invalid configuration: environment variable ATTACHMENT_LINK_KEYS reuses a secret of JWT_SECRET: each purpose needs keys of its own.',
    );
  });

  it('refuses development and placeholder keys in production, and reads a key set from a file', () => {
    expect(() =>
      validateEnvironment({
        ...URI,
        ...ALL_SETS,
        NODE_ENV: 'production',
        SESSION_KEYS: `k1:dev-only-${'d'.repeat(32)}`,
      }),
    ).toThrow(
      'Invalid configuration: environment variable SESSION_KEYS holds the development secret; production must supply its own.',
    );
    expect(() =>
      validateEnvironment({
        ...URI,
        ...ALL_SETS,
        NODE_ENV: 'production',
        UNSUBSCRIBE_LINK_KEYS: `k1:change-me-${'c'.repeat(32)}`,
      }),
    ).toThrow(
      'Invalid configuration: environment variable UNSUBSCRIBE_LINK_KEYS holds a placeholder secret; production must supply its own.',
    );
    const dir = mkdtempSync(join(tmpdir(), 'promoto-keys-'));
    try {
      const path = join(dir, 'session_keys');
      writeFileSync(path, `${ALL_SETS.SESSION_KEYS}\n`);
      const fromFile = { ...ALL_SETS, SESSION_KEYS: undefined, SESSION_KEYS_FILE: path };
      expect(validateEnvironment({ ...URI, ...fromFile, NODE_ENV: 'production' }).SESSION_KEYS).toBe(
        ALL_SETS.SESSION_KEYS,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('validateEnvironment: privacy settings', () => {
  it('keeps conversations unless a retention in whole days is given, naming the variable otherwise', () => {
    expect(validateEnvironment(BASE).CONVERSATION_RETENTION_DAYS).toBeUndefined();
    expect(
      validateEnvironment({ ...BASE, CONVERSATION_RETENTION_DAYS: '' }).CONVERSATION_RETENTION_DAYS,
    ).toBeUndefined();
    expect(validateEnvironment({ ...BASE, CONVERSATION_RETENTION_DAYS: '365' }).CONVERSATION_RETENTION_DAYS).toBe(365);
    for (const value of ['0', '1.5', 'un an']) {
      expect(() => validateEnvironment({ ...BASE, CONVERSATION_RETENTION_DAYS: value })).toThrow(
        'environment variable CONVERSATION_RETENTION_DAYS',
      );
    }
    expect(validateEnvironment(BASE).REPORT_RETENTION_DAYS).toBe(365);
    expect(validateEnvironment({ ...BASE, REPORT_RETENTION_DAYS: '90' }).REPORT_RETENTION_DAYS).toBe(90);
    for (const value of ['0', '3651', '1.5', 'un an']) {
      expect(() => validateEnvironment({ ...BASE, REPORT_RETENTION_DAYS: value })).toThrow(
        'environment variable REPORT_RETENTION_DAYS',
      );
    }
    expect(() => validateEnvironment({ ...BASE, DATA_EXPORT_TTL_S: '5' })).toThrow(
      'environment variable DATA_EXPORT_TTL_S',
    );
  });
});
