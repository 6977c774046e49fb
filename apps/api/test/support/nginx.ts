import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run, waitFor, workspaceRoot, type RunningProcess } from './processes';

const NGINX = '/usr/sbin/nginx';

export interface NginxOptions {
  /** The UDP port of the DNS server that stands in for Docker's. */
  dnsPort: number;
  /** The port the API's replicas listen on (3000 in the containers). */
  apiPort: number;
  /** Files of the Angular build, by path under the web root. */
  files: Record<string, string>;
}

export interface RunningNginx extends RunningProcess {
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * The exact text of docker/nginx.conf with only what ties it to the container swapped: where it
 * listens (the public port and the per-replica hops), the web root, Docker's DNS address (with a
 * 1 s cache), the API's port, and loopback as the load balancer's network. Each swap must match
 * as often as expected, so that the test follows the config.
 */
async function testConfig(port: number, root: string, options: NginxOptions): Promise<string> {
  const [firstHop, secondHop] = [await freePort(), await freePort()];
  const swaps: [string, string, number][] = [
    ['listen 8080;', `listen 127.0.0.1:${port};`, 1],
    ['8101', String(firstHop), 3],
    ['8102', String(secondHop), 3],
    ['root /usr/share/nginx/html;', `root ${root};`, 1],
    ['resolver 127.0.0.11 valid=10s', `resolver 127.0.0.1:${options.dnsPort} valid=1s`, 1],
    [':3000;', `:${options.apiPort};`, 3],
    ['set_real_ip_from 10.0.0.0/8;', 'set_real_ip_from 127.0.0.0/8;', 1],
  ];
  return swaps.reduce(
    (config, [from, to, count]) => {
      if (config.split(from).length !== count + 1)
        throw new Error(`docker/nginx.conf must contain "${from}" ${count} time(s)`);
      return config.split(from).join(to);
    },
    readFileSync(join(workspaceRoot, 'docker/nginx.conf'), 'utf8'),
  );
}

/** Debian's nginx, as the current user with a prefix of its own, on the real docker/nginx.conf. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx (.ci/run installs it)`);
  const prefix = mkdtempSync(join(tmpdir(), 'promoto-nginx-'));
  const root = join(prefix, 'html');
  for (const [path, content] of Object.entries(options.files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const port = await freePort();
  writeFileSync(join(prefix, 'default.conf'), await testConfig(port, root, options));
  const temp = (name: string) => `${name}_temp_path ${join(prefix, name)};`;
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
events { worker_connections 128; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${join(prefix, 'default.conf')};
}
`,
  );
  const nginx = run(
    NGINX,
    ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'],
    { PATH: process.env['PATH'] },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const errors = () => (existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '');
  await waitFor(async () => (await fetch(`${baseUrl}/healthz`)).ok, 10_000, `nginx on ${baseUrl}`).catch(
    (error: Error) => {
      nginx.child.kill('SIGKILL');
      throw new Error(`${error.message}\n${nginx.output()}\n${errors()}`);
    },
  );
  return {
    ...nginx,
    baseUrl,
    stop: async () => {
      nginx.child.kill('SIGTERM');
      await nginx.exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
