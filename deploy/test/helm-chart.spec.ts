import { join } from 'node:path';
import { chartDir, run, succeed } from './tools';

interface Probe {
  httpGet: { path: string; port: string };
}
interface Container {
  name: string;
  image: string;
  env: { name: string; value: string }[];
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  securityContext: { readOnlyRootFilesystem: boolean; runAsNonRoot: boolean; capabilities: { drop: string[] } };
}
interface Deployment {
  kind: 'Deployment';
  metadata: { name: string };
  spec: {
    replicas?: number;
    template: {
      spec: {
        terminationGracePeriodSeconds: number;
        containers: Container[];
        volumes: { name: string; secret?: { secretName: string; items: { key: string; path: string }[] } }[];
      };
    };
  };
}
interface IngressObject {
  kind: 'Ingress';
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    tls?: { secretName: string }[];
    rules: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }[];
  };
}
type Rendered = { kind: string; metadata: { name: string } } & Record<string, unknown>;

const DEV = [] as string[];
const PRODUCTION = ['-f', join(chartDir, 'values-production.yaml')];

/** `helm template`, then every object decoded strictly against the Kubernetes API types. */
function render(values: string[], extra: string[] = []): Rendered[] {
  const manifests = succeed(run('helm', ['template', 'promoto', chartDir, ...values, ...extra]));
  return JSON.parse(succeed(run('chart-check', [], manifests))) as Rendered[];
}

const named = <T>(objects: Rendered[], kind: string, name: string) => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as unknown as T;
};
const env = (container: Container) => Object.fromEntries(container.env.map(({ name, value }) => [name, value]));

describe('deploy/helm/promoto', () => {
  it.each([
    ['development', DEV],
    ['production', PRODUCTION],
  ])('passes helm lint --strict with the %s values', (_, values) => {
    expect(succeed(run('helm', ['lint', '--strict', chartDir, ...values]))).toContain('0 chart(s) failed');
  });

  it('renders the development values: one replica of each, an Ingress, nothing for production only', () => {
    const objects = render(DEV);
    expect(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
      'Deployment/promoto-api',
      'Deployment/promoto-web',
      'Ingress/promoto',
      'Ingress/promoto-socket',
      'Service/promoto-api',
      'Service/promoto-web',
    ]);
    expect(named<Deployment>(objects, 'Deployment', 'promoto-api').spec.replicas).toBe(1);
  });

  describe('with the production values', () => {
    let objects: Rendered[];
    let api: Deployment;
    let container: Container;

    beforeAll(() => {
      objects = render(PRODUCTION);
      api = named<Deployment>(objects, 'Deployment', 'promoto-api');
      container = api.spec.template.spec.containers[0];
    });

    it('renders three API replicas autoscaled to ten, disruption budgets, network policies and a ServiceMonitor', () => {
      expect(objects.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual([
        'Deployment/promoto-api',
        'Deployment/promoto-web',
        'HorizontalPodAutoscaler/promoto-api',
        'Ingress/promoto',
        'Ingress/promoto-socket',
        'NetworkPolicy/promoto-api',
        'NetworkPolicy/promoto-web',
        'PodDisruptionBudget/promoto-api',
        'PodDisruptionBudget/promoto-web',
        'Service/promoto-api',
        'Service/promoto-web',
        'ServiceMonitor/promoto-api',
      ]);
      // The autoscaler owns the replica count: the Deployment leaves it unset.
      expect(api.spec.replicas).toBeUndefined();
      expect(named(objects, 'HorizontalPodAutoscaler', 'promoto-api')).toMatchObject({
        spec: { minReplicas: 3, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'promoto-api' } },
      });
      expect(named(objects, 'PodDisruptionBudget', 'promoto-api')).toMatchObject({ spec: { maxUnavailable: 1 } });
    });

    it('probes start-up and liveness on /api/health/live and readiness on /api/health/ready', () => {
      expect(container.startupProbe?.httpGet.path).toBe('/api/health/live');
      expect(container.livenessProbe?.httpGet.path).toBe('/api/health/live');
      expect(container.readinessProbe?.httpGet.path).toBe('/api/health/ready');
    });

    it('pauses before SIGTERM and gives the pod longer than the pause and the drain together', () => {
      const pause = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      const drain = Number(env(container)['SHUTDOWN_TIMEOUT_MS']) / 1000;
      expect(pause).toBeGreaterThan(0);
      expect(drain).toBeGreaterThan(0);
      expect(api.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(pause + drain);
    });

    it('takes secrets by reference to a Secret it does not create, as files read through *_FILE', () => {
      expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
      const values = env(container);
      expect(values).toMatchObject({
        NODE_ENV: 'production',
        TRUST_PROXY: '1',
        MONGODB_URI_FILE: '/run/secrets/promoto/mongodb-uri',
        JWT_SECRET_FILE: '/run/secrets/promoto/jwt-secret',
        SESSION_KEYS_FILE: '/run/secrets/promoto/session-keys',
        ATTACHMENT_LINK_KEYS_FILE: '/run/secrets/promoto/attachment-link-keys',
        UNSUBSCRIBE_LINK_KEYS_FILE: '/run/secrets/promoto/unsubscribe-link-keys',
        REDIS_URL_FILE: '/run/secrets/promoto/redis-url',
        METRICS_TOKEN_FILE: '/run/secrets/promoto/metrics-token',
        SMTP_URL_FILE: '/run/secrets/promoto/smtp-url',
        VAPID_PRIVATE_KEY_FILE: '/run/secrets/promoto/vapid-private-key',
      });
      expect(Object.keys(values).filter((name) => /SECRET$|TOKEN$|_URI$|_URL$/.test(name))).toEqual(['FRONTEND_URL']);
      const secrets = api.spec.template.spec.volumes.find((volume) => volume.secret);
      expect(secrets?.secret?.secretName).toBe('promoto-api');
      expect(container.volumeMounts).toContainEqual({
        name: 'secrets',
        mountPath: '/run/secrets/promoto',
        readOnly: true,
      });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
    });

    it('pins Socket.IO sessions to a pod by cookie, and sends REST and the web app anywhere', () => {
      const socket = named<IngressObject>(objects, 'Ingress', 'promoto-socket');
      expect(socket.metadata.annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/affinity': 'cookie',
        'nginx.ingress.kubernetes.io/session-cookie-name': 'promoto-socket',
        'nginx.ingress.kubernetes.io/session-cookie-secure': 'true',
      });
      expect(socket.spec.rules[0].http.paths.map(({ path, backend }) => [path, backend.service.name])).toEqual([
        ['/socket.io', 'promoto-api'],
      ]);
      const main = named<IngressObject>(objects, 'Ingress', 'promoto');
      expect(main.metadata.annotations['nginx.ingress.kubernetes.io/affinity']).toBeUndefined();
      expect(main.spec.rules[0].http.paths.map(({ path, backend }) => [path, backend.service.name])).toEqual([
        ['/api', 'promoto-api'],
        ['/', 'promoto-web'],
      ]);
      expect(main.spec.tls?.[0].secretName).toBe('messages-example-com-tls');
    });

    it('lets only the Ingress controller reach the pods, and Prometheus the metrics with the bearer token', () => {
      expect(named(objects, 'NetworkPolicy', 'promoto-api')).toMatchObject({
        spec: {
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
                { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
              ],
              ports: [{ port: 3000 }],
            },
          ],
        },
      });
      expect(named(objects, 'ServiceMonitor', 'promoto-api')).toMatchObject({
        spec: {
          endpoints: [
            {
              port: 'http',
              path: '/api/metrics',
              authorization: { type: 'Bearer', credentials: { name: 'promoto-api', key: 'metrics-token' } },
            },
          ],
        },
      });
    });
  });

  it('refuses several API replicas without Redis, and a release without the database secret', () => {
    const withoutRedis = run('helm', [
      'template',
      'promoto',
      chartDir,
      '--set',
      'api.replicas=2',
      '--set',
      'api.secret.keys.REDIS_URL=',
    ]);
    expect(withoutRedis.status).not.toBe(0);
    expect(withoutRedis.stderr).toContain('several API replicas share events and limits through Redis');
    const withoutDatabase = run('helm', ['template', 'promoto', chartDir, '--set', 'api.secret.keys.MONGODB_URI=']);
    expect(withoutDatabase.status).not.toBe(0);
    expect(withoutDatabase.stderr).toContain('api.secret.keys.MONGODB_URI');
  });

  it('needs JWT_SECRET or the three key sets to sign with', () => {
    const keySets = ['SESSION_KEYS=session-keys', 'ATTACHMENT_LINK_KEYS=attachment-link-keys'];
    const set = (values: string[]) => values.flatMap((value) => ['--set', `api.secret.keys.${value}`]);
    const withoutKeys = run('helm', ['template', 'promoto', chartDir, ...set(['JWT_SECRET=', ...keySets])]);
    expect(withoutKeys.status).not.toBe(0);
    expect(withoutKeys.stderr).toContain('api.secret.keys.JWT_SECRET');
    const keySetsOnly = run('helm', [
      'template',
      'promoto',
      chartDir,
      ...set(['JWT_SECRET=', ...keySets, 'UNSUBSCRIBE_LINK_KEYS=unsubscribe-link-keys']),
    ]);
    expect(keySetsOnly.status).toBe(0);
    expect(keySetsOnly.stdout).toContain('/run/secrets/promoto/session-keys');
    expect(keySetsOnly.stdout).not.toContain('JWT_SECRET_FILE');
  });
});

describe('chart-check', () => {
  const deployment = (spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n${spec}`;

  it('refuses a misspelt field, a duplicate key, a wrong type and an unknown kind, as the API server would', () => {
    const selector = '  selector:\n    matchLabels: { app: x }\n';
    expect(run('chart-check', [], deployment(`${selector}  replicas: 2\n`)).status).toBe(0);
    const misspelt = run('chart-check', [], deployment(`${selector}  replica: 2\n`));
    expect(misspelt.stderr).toContain('unknown field "replica"');
    expect(run('chart-check', [], deployment(`${selector}  replicas: 2\n  replicas: 3\n`)).status).toBe(1);
    expect(run('chart-check', [], deployment(`${selector}  replicas: two\n`)).status).toBe(1);
    const unknownKind = run('chart-check', [], 'apiVersion: v1\nkind: Nonsense\nmetadata:\n  name: x\n');
    expect(unknownKind.stderr).toContain('unknown kind v1 Nonsense');
  });
});
