import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { workspaceRoot } from './support/processes';

const checker = join(workspaceRoot, '.data/bin/compose-check');
const compose = (args: string[]) =>
  spawnSync(checker, ['-f', join(workspaceRoot, 'docker/docker-compose.yml'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] },
  });

const REQUIRED = [
  'JWT_SECRET',
  'METRICS_TOKEN',
  'MONGO_ROOT_PASSWORD',
  'MONGO_REPLICA_SET_KEY',
  'MONGODB_URI',
  'REDIS_PASSWORD',
  'REDIS_URL',
  'FRONTEND_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'VAPID_PUBLIC_KEY',
  'VAPID_PRIVATE_KEY',
  'VAPID_SUBJECT',
];

/** An env file as ops fill it in, with a password that needs percent-encoding in the URI. */
const FILLED = {
  JWT_SECRET: 'c0ffee'.repeat(8),
  METRICS_TOKEN: 'metrics-token-0123456789',
  MONGO_ROOT_PASSWORD: 'root-password-0123456789',
  MONGO_REPLICA_SET_KEY: 'replica-set-key-0123456789abcdefghijklmnopqrstuvwxyz',
  MONGODB_URI: 'mongodb://promoto_app:p%40ss%3Aw%2Frd@mongo1:27017,mongo2:27017,mongo3:27017/promoto?replicaSet=rs0',
  REDIS_PASSWORD: 'redis-password-0123456789',
  REDIS_URL: 'redis://:redis-password-0123456789@redis:6379',
  FRONTEND_URL: 'https://messages.example.com',
  SMTP_URL: 'smtps://promoto:smtp-password-0123456789@smtp.example.com:465',
  MAIL_FROM: 'Promoto <notifications@messages.example.com>',
  VAPID_PUBLIC_KEY: `B${'A'.repeat(86)}`,
  VAPID_PRIVATE_KEY: 'vapid-private-key-0123456789abcdefghijklmnop',
  VAPID_SUBJECT: 'mailto:ops@example.com',
};

interface Service {
  image: string;
  environment?: Record<string, string>;
  secrets?: { source: string; target: string }[];
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  user?: string;
  logging?: { driver: string; options: Record<string, string> };
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: number; memory?: string } } };
  volumes?: { source: string; target: string; read_only?: boolean }[];
  ports?: { target: number }[];
}

/** `docker compose config`, through the library docker compose itself uses (no Docker engine here). */
describe('docker/docker-compose.yml', () => {
  let scratch: string;
  let project: { name: string; services: Record<string, Service> };
  let services: Record<string, Service>;

  beforeAll(() => {
    execFileSync('go', ['build', '-o', checker, '.'], {
      cwd: join(workspaceRoot, 'tools/compose-check'),
      stdio: 'inherit',
    });
    scratch = mkdtempSync(join(tmpdir(), 'promoto-compose-'));
    const envFile = join(scratch, '.env');
    writeFileSync(
      envFile,
      Object.entries(FILLED)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
    );
    const resolved = compose(['--env-file', envFile, '--format', 'json']);
    if (resolved.status !== 0) throw new Error(resolved.stderr);
    project = JSON.parse(resolved.stdout);
    services = project.services;
  }, 180_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses docker/.env.example as it is, naming every value still to set', () => {
    const result = compose(['--env-file', join(workspaceRoot, 'docker/.env.example')]);
    expect(result.status).toBe(1);
    for (const name of REQUIRED) expect(result.stderr).toContain(`required variable ${name} is missing a value`);
  });

  it('resolves a filled env file: a MongoDB 7 replica set, Redis 7, one API service with two replicas, the web server', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'mongo-replica-set',
      'mongo1',
      'mongo2',
      'mongo3',
      'redis',
      'web',
    ]);
    for (const name of ['mongo1', 'mongo2', 'mongo3', 'mongo-replica-set'])
      expect(services[name].image).toBe('mongo:7.0');
    expect(services['redis'].image).toBe('redis:7.4-alpine');
    expect(services['api'].deploy?.replicas).toBe(2);
    expect(services['web'].ports?.map((port) => port.target)).toEqual([8080]);
  });

  it("matches docker/nginx.conf's Socket.IO hops: one per replica, named after the project's containers", () => {
    const nginx = readFileSync(join(workspaceRoot, 'docker/nginx.conf'), 'utf8');
    const replicas = services['api'].deploy?.replicas ?? 0;
    expect(project.name).toBe('promoto');
    expect(nginx.match(/^ {2}server 127\.0\.0\.1:\d+ max_fails/gm)).toHaveLength(replicas);
    const names = [...nginx.matchAll(/http:\/\/(promoto-api-\d+):3000;/g)].map((match) => match[1]);
    expect(names).toEqual(Array.from({ length: replicas }, (_, index) => `promoto-api-${index + 1}`));
  });

  it('hands secrets over as files read through *_FILE, never as environment values', () => {
    const api = services['api'];
    expect(api.environment).toMatchObject({
      NODE_ENV: 'production',
      MONGODB_URI_FILE: '/run/secrets/mongodb_uri',
      REDIS_URL_FILE: '/run/secrets/redis_url',
      JWT_SECRET_FILE: '/run/secrets/jwt_secret',
      METRICS_TOKEN_FILE: '/run/secrets/metrics_token',
      SMTP_URL_FILE: '/run/secrets/smtp_url',
      VAPID_PRIVATE_KEY_FILE: '/run/secrets/vapid_private_key',
      FRONTEND_URL: FILLED.FRONTEND_URL,
      MAIL_FROM: FILLED.MAIL_FROM,
      VAPID_PUBLIC_KEY: FILLED.VAPID_PUBLIC_KEY,
      VAPID_SUBJECT: FILLED.VAPID_SUBJECT,
    });
    expect(api.secrets?.map((secret) => secret.target).sort()).toEqual(
      ['jwt_secret', 'metrics_token', 'mongodb_uri', 'redis_url', 'smtp_url', 'vapid_private_key'].map(
        (name) => `/run/secrets/${name}`,
      ),
    );
    const everyEnvironment = JSON.stringify(Object.values(services).map((service) => service.environment ?? {}));
    for (const name of [
      'JWT_SECRET',
      'METRICS_TOKEN',
      'MONGO_ROOT_PASSWORD',
      'MONGO_REPLICA_SET_KEY',
      'MONGODB_URI',
      'REDIS_PASSWORD',
      'SMTP_URL',
      'VAPID_PRIVATE_KEY',
    ] as const) {
      expect(everyEnvironment).not.toContain(FILLED[name]);
    }
    expect(services['mongo1'].environment).toMatchObject({
      MONGO_INITDB_ROOT_PASSWORD_FILE: '/run/secrets/mongo_root_password',
    });
  });

  it('hardens every service: limits, log rotation, no new privileges; our images and Redis read-only without capabilities', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, limits: service.deploy?.resources?.limits }).toEqual({
        name,
        limits: { cpus: expect.any(Number), memory: expect.any(String) },
      });
      expect({ name, logging: service.logging }).toEqual({
        name,
        logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '5' } },
      });
      expect({ name, security: service.security_opt }).toEqual({ name, security: ['no-new-privileges:true'] });
    }
    for (const name of ['api', 'web', 'redis']) {
      expect({ name, readOnly: services[name].read_only, capabilities: services[name].cap_drop }).toEqual({
        name,
        readOnly: true,
        capabilities: ['ALL'],
      });
    }
  });

  it('runs Redis with a password and without persistence: it holds pub/sub and counters only', () => {
    const redis = services['redis'];
    expect(redis.user).toBe('redis');
    const command = redis.command?.join(' ') ?? '';
    expect(command).toContain('--requirepass "$(cat /run/secrets/redis_password)"');
    expect(command).toContain('--appendonly no --save ""');
  });

  it("creates the API's MongoDB user with readWrite from the URI it connects with, password decoded", () => {
    expect(services['mongo1'].volumes).toContainEqual(
      expect.objectContaining({
        source: join(workspaceRoot, 'docker/mongo-init'),
        target: '/docker-entrypoint-initdb.d',
        read_only: true,
      }),
    );
    const created: { database: string; user: unknown }[] = [];
    const mongosh = {
      require: (module: string) => {
        expect(module).toBe('fs');
        return { readFileSync: () => `${FILLED.MONGODB_URI}\n` };
      },
      URL,
      print: () => undefined,
      db: { getSiblingDB: (database: string) => ({ createUser: (user: unknown) => created.push({ database, user }) }) },
    };
    runInNewContext(readFileSync(join(workspaceRoot, 'docker/mongo-init/create-app-user.js'), 'utf8'), mongosh);
    expect(created).toEqual([
      {
        database: 'promoto',
        user: { user: 'promoto_app', pwd: 'p@ss:w/rd', roles: [{ role: 'readWrite', db: 'promoto' }] },
      },
    ]);
  });

  it('runs three members as replica set rs0 with a key file, and starts the API once rs0 is initiated', () => {
    for (const name of ['mongo1', 'mongo2', 'mongo3']) {
      const command = services[name].command?.join(' ') ?? '';
      expect({ name, command }).toEqual({
        name,
        command: expect.stringContaining('mongod --replSet rs0 --bind_ip_all --keyFile /tmp/replica-set.key'),
      });
      expect(command).toContain('install -m 400 -o mongodb -g mongodb /run/secrets/mongo_replica_set_key');
      expect(services[name].secrets?.map((secret) => secret.source)).toContain('mongo_replica_set_key');
    }
    expect(services['mongo-replica-set'].depends_on).toEqual({
      mongo1: expect.objectContaining({ condition: 'service_healthy' }),
      mongo2: expect.objectContaining({ condition: 'service_healthy' }),
      mongo3: expect.objectContaining({ condition: 'service_healthy' }),
    });
    expect(services['api'].depends_on?.['mongo-replica-set']).toMatchObject({
      condition: 'service_completed_successfully',
    });
  });

  it('initiates rs0 once with the three members, mongo1 preferred, and waits for a primary', () => {
    const script = readFileSync(join(workspaceRoot, 'docker/mongo-replica-set/initiate.js'), 'utf8');
    const run = (initiated: boolean) => {
      const calls: unknown[] = [];
      let statusCalls = 0;
      const rs = {
        status: () => {
          statusCalls += 1;
          if (!initiated)
            throw Object.assign(new Error('no replset config has been received'), { codeName: 'NotYetInitialized' });
          const state = statusCalls > 2 ? 'PRIMARY' : 'SECONDARY';
          return { members: [{ name: 'mongo1:27017', stateStr: state }] };
        },
        initiate: (config: unknown) => {
          calls.push(config);
          initiated = true;
        },
      };
      runInNewContext(script, { rs, print: () => undefined, sleep: () => undefined, Date });
      return calls;
    };
    expect(run(false)).toEqual([
      {
        _id: 'rs0',
        members: [
          { _id: 0, host: 'mongo1:27017', priority: 2 },
          { _id: 1, host: 'mongo2:27017', priority: 1 },
          { _id: 2, host: 'mongo3:27017', priority: 1 },
        ],
      },
    ]);
    expect(run(true)).toEqual([]);
  });
});
