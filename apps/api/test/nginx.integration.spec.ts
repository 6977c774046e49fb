import { createHash } from 'node:crypto';
import http from 'node:http';
import { startDnsStub, type DnsStub } from './support/dns-stub';
import { startNginx, type RunningNginx } from './support/nginx';
import { freePort, waitFor } from './support/processes';

interface Answer {
  status: number;
  /** Header names in lower case, each with every value it was sent with. */
  headers: Record<string, string[]>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const collected: Record<string, string[]> = {};
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i].toLowerCase();
          (collected[name] ??= []).push(response.rawHeaders[i + 1]);
        }
        let body = '';
        response.setEncoding('latin1');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: collected, body }));
      })
      .on('error', reject);
  });
}

/** A POST of `bytes` bytes; answers the status only. */
function post(url: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' } });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(Buffer.alloc(bytes, 0x61));
  });
}

interface Upstream {
  /** The port both replicas listen on, as containers all listen on 3000. */
  port: number;
  /** Every request either replica received, in order, with the replica's address. */
  requests: { replica: string; url: string; headers: http.IncomingHttpHeaders }[];
  close: () => Promise<void>;
}

/** The replicas' addresses as the stand-in DNS gives them: promoto-api-1 and promoto-api-2. */
const REPLICAS = ['127.0.0.1', '127.0.0.2'];

/**
 * Stands in for two API replicas on two loopback addresses: each answers every request with
 * helmet-like headers of its own and says which replica it is.
 */
async function startUpstream(): Promise<Upstream> {
  const requests: Upstream['requests'] = [];
  const port = await freePort();
  const servers = REPLICAS.map((replica) => {
    const server = http.createServer((request, response) => {
      requests.push({ replica, url: request.url ?? '', headers: request.headers });
      // Answers once the body is read, as the API does: an answer before it would cut the upload.
      request.resume();
      request.on('end', () => {
        response.setHeader('Content-Type', 'application/json; charset=utf-8');
        response.setHeader('Cache-Control', 'no-store');
        response.setHeader('X-Frame-Options', 'SAMEORIGIN');
        response.setHeader('Content-Security-Policy', "default-src 'self'");
        response.setHeader('X-Powered-By', 'Express');
        response.end(JSON.stringify({ from: 'api', replica, url: request.url, padding: 'x'.repeat(2_000) }));
      });
    });
    server.on('upgrade', (request, socket) => {
      requests.push({ replica, url: request.url ?? '', headers: request.headers });
      socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    });
    return server;
  });
  await Promise.all(
    servers.map((server, index) => new Promise<void>((resolve) => server.listen(port, REPLICAS[index], resolve))),
  );
  const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    port,
    requests,
    close: async () => {
      await Promise.all(servers.map(close));
    },
  };
}

/** The names Docker's DNS gives: the service (here its first replica) and each replica's container. */
function resolveReplicas(dns: DnsStub, replicas: number[]): void {
  dns.names.set('api', REPLICAS[replicas[0] - 1]);
  for (const replica of replicas) dns.names.set(`promoto-api-${replica}`, REPLICAS[replica - 1]);
}

/** A polling request of Socket.IO from a client behind the load balancer; answers the replica. */
async function pollFrom(baseUrl: string, client: string): Promise<string> {
  const answer = await get(`${baseUrl}/socket.io/?EIO=4&transport=polling`, { 'X-Forwarded-For': client });
  if (answer.status !== 200) throw new Error(`polling from ${client} answered ${answer.status}`);
  return (JSON.parse(answer.body) as { replica: string }).replica;
}

const INDEX_HTML = `<!doctype html><html><head><link rel="stylesheet" href="styles-3QUXDCDE.css" media="print" onload="this.media='all'"></head><body><app-root></app-root><script src="main-VTUFZF3O.js" type="module"></script></body></html>`;
const WEB_BUILD = {
  'index.html': INDEX_HTML,
  'main-VTUFZF3O.js': `export const app = ${JSON.stringify('x'.repeat(4_000))};`,
  'styles-3QUXDCDE.css': `body { margin: 0; }\n${'.a { color: red; }\n'.repeat(200)}`,
  'media/inter-ABCD1234.woff2': 'font',
  'favicon.ico': 'icon',
};

const SECURITY_HEADERS = ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy'];

/** nginx from Debian on the real docker/nginx.conf, against stand-in replicas and a stand-in Docker DNS. */
describe('docker/nginx.conf', () => {
  describe('with the API replicas up', () => {
    let dns: DnsStub;
    let upstream: Upstream;
    let nginx: RunningNginx;

    beforeAll(async () => {
      dns = await startDnsStub();
      resolveReplicas(dns, [1, 2]);
      upstream = await startUpstream();
      nginx = await startNginx({ dnsPort: dns.port, apiPort: upstream.port, files: WEB_BUILD });
    }, 20_000);

    afterAll(async () => {
      await nginx?.stop();
      await upstream?.close();
      await dns?.close();
    });

    it('sends /api/ and /socket.io/ to the API, also the docs assets that the static-file rule would take', async () => {
      for (const path of [
        '/api/health',
        '/api/docs/swagger-ui.css',
        '/api/docs/swagger-ui-bundle.js',
        '/socket.io/?EIO=4&transport=polling',
      ]) {
        const answer = await get(`${nginx.baseUrl}${path}`);
        expect({ path, status: answer.status, from: JSON.parse(answer.body).from }).toEqual({
          path,
          status: 200,
          from: 'api',
        });
        expect(upstream.requests.at(-1)?.url).toBe(path);
      }
    });

    it('serves the app: deep links fall back to index.html, a missing chunk is a 404', async () => {
      const deepLink = await get(`${nginx.baseUrl}/app/messages`);
      expect(deepLink.status).toBe(200);
      expect(deepLink.body).toBe(INDEX_HTML);
      expect((await get(`${nginx.baseUrl}/chunk-GONEGONE.js`)).status).toBe(404);
    });

    it('sends the one security header set, once each, on every kind of answer', async () => {
      const paths = [
        '/',
        '/index.html',
        '/app/messages',
        '/main-VTUFZF3O.js',
        '/styles-3QUXDCDE.css',
        '/favicon.ico',
        '/chunk-GONEGONE.js',
        '/healthz',
        '/api/health',
        '/api/docs/',
        '/api/metrics',
        '/socket.io/?EIO=4&transport=polling',
      ];
      for (const path of paths) {
        const { headers } = await get(`${nginx.baseUrl}${path}`);
        for (const name of SECURITY_HEADERS)
          expect({ path, name, values: headers[name]?.length }).toEqual({ path, name, values: 1 });
        expect({ path, frame: headers['x-frame-options'] }).toEqual({ path, frame: ['DENY'] });
        expect(headers['content-security-policy'][0]).toContain("frame-ancestors 'none'");
        expect(headers['x-content-type-options']).toEqual(['nosniff']);
        expect(headers['referrer-policy']).toEqual(['strict-origin-when-cross-origin']);
        expect(headers['x-powered-by']).toBeUndefined();
        expect(headers['server']).toEqual(['nginx']);
      }
    });

    it("lets the app's Content-Security-Policy run Angular's stylesheet handler, and no other inline script", async () => {
      const { headers } = await get(`${nginx.baseUrl}/`);
      const policy = headers['content-security-policy'][0];
      const handler = /onload="([^"]+)"/.exec(INDEX_HTML)?.[1] ?? '';
      const hash = createHash('sha256').update(handler).digest('base64');
      expect(policy).toMatch(
        new RegExp(`script-src 'self' 'unsafe-hashes' 'sha256-${hash.replace(/[+/]/g, '\\$&')}';`),
      );
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const docs = await get(`${nginx.baseUrl}/api/docs/`);
      expect(docs.headers['content-security-policy'][0]).toMatch(/script-src 'self' 'unsafe-inline';/);
    });

    it('revalidates index.html, caches hashed files for good, and leaves the API its own Cache-Control', async () => {
      for (const path of ['/', '/index.html', '/app/messages', '/favicon.ico']) {
        expect({ path, cache: (await get(`${nginx.baseUrl}${path}`)).headers['cache-control'] }).toEqual({
          path,
          cache: ['no-cache'],
        });
      }
      for (const path of ['/main-VTUFZF3O.js', '/styles-3QUXDCDE.css', '/media/inter-ABCD1234.woff2']) {
        expect({ path, cache: (await get(`${nginx.baseUrl}${path}`)).headers['cache-control'] }).toEqual({
          path,
          cache: ['public, max-age=31536000, immutable'],
        });
      }
      expect((await get(`${nginx.baseUrl}/api/health`)).headers['cache-control']).toEqual(['no-store']);
    });

    it('compresses scripts, styles and API answers for clients that accept gzip', async () => {
      for (const path of ['/main-VTUFZF3O.js', '/styles-3QUXDCDE.css', '/api/health']) {
        const { headers } = await get(`${nginx.baseUrl}${path}`, { 'Accept-Encoding': 'gzip' });
        expect({ path, encoding: headers['content-encoding'] }).toEqual({ path, encoding: ['gzip'] });
        expect(headers['vary']).toEqual(['Accept-Encoding']);
      }
    });

    it('lets an upload of 10 MB through to /api/attachments only, and gives attachment files their own CSP', async () => {
      expect(await post(`${nginx.baseUrl}/api/attachments`, 10 * 1024 * 1024)).toBe(200);
      expect(upstream.requests.at(-1)?.url).toBe('/api/attachments');
      expect(await post(`${nginx.baseUrl}/api/attachments`, 12 * 1024 * 1024)).toBe(413);
      expect(await post(`${nginx.baseUrl}/api/messages`, 1024 * 1024)).toBe(413);
      const file = await get(`${nginx.baseUrl}/api/attachments/${'a'.repeat(24)}/thumbnail?expires=1&signature=x`);
      expect(file.headers['content-security-policy']).toEqual([
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
      ]);
      expect(file.headers['x-content-type-options']).toEqual(['nosniff']);
    });

    it('never forwards /api/metrics, however it is spelled', async () => {
      const before = upstream.requests.length;
      for (const path of ['/api/metrics', '/api/metrics/', '/api/Metrics', '/api/METRICS?x=1', '/api//metrics']) {
        expect({ path, status: (await get(`${nginx.baseUrl}${path}`)).status }).toEqual({ path, status: 404 });
      }
      expect(upstream.requests.length).toBe(before);
    });

    it("tells the API the client's address from the load balancer's X-Forwarded-For, not a forged one", async () => {
      await get(`${nginx.baseUrl}/api/health`, { 'X-Forwarded-For': '198.51.100.9, 203.0.113.7' });
      expect(upstream.requests.at(-1)?.headers['x-forwarded-for']).toBe('203.0.113.7');
      await get(`${nginx.baseUrl}/api/health`);
      expect(upstream.requests.at(-1)?.headers['x-forwarded-for']).toBe('127.0.0.1');
    });

    it("keeps the load balancer's request id, and gives one to a request that came without", async () => {
      await get(`${nginx.baseUrl}/api/health`, { 'X-Request-Id': 'lb-7f3a-42' });
      expect(upstream.requests.at(-1)?.headers['x-request-id']).toBe('lb-7f3a-42');
      await get(`${nginx.baseUrl}/socket.io/?EIO=4&transport=polling`, { 'X-Request-Id': 'lb-socket-1' });
      expect(upstream.requests.at(-1)?.headers['x-request-id']).toBe('lb-socket-1');
      await get(`${nginx.baseUrl}/api/health`);
      expect(upstream.requests.at(-1)?.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      await get(`${nginx.baseUrl}/api/health`, { 'X-Request-Id': 'not a valid id; drop table' });
      expect(upstream.requests.at(-1)?.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    });

    it("pins each client's Socket.IO requests to one replica, by the client's address, and spreads clients over both", async () => {
      const replicas = new Set<string>();
      for (let client = 1; client <= 20; client += 1) {
        const address = `203.0.113.${client}`;
        const first = await pollFrom(nginx.baseUrl, address);
        for (let poll = 0; poll < 3; poll += 1) {
          expect({ address, replica: await pollFrom(nginx.baseUrl, address) }).toEqual({ address, replica: first });
        }
        replicas.add(first);
      }
      expect([...replicas].sort()).toEqual(REPLICAS);
      expect(upstream.requests.at(-1)?.headers['x-forwarded-for']).toBe('203.0.113.20');
    });

    it("passes Socket.IO's WebSocket upgrade through", async () => {
      const { port } = new URL(nginx.baseUrl);
      const status = await new Promise<number>((resolve, reject) => {
        http
          .request({
            host: '127.0.0.1',
            port,
            path: '/socket.io/?EIO=4&transport=websocket',
            headers: { Connection: 'Upgrade', Upgrade: 'websocket' },
          })
          .on('upgrade', (response, socket) => {
            socket.destroy();
            resolve(response.statusCode ?? 0);
          })
          .on('response', (response) => resolve(response.statusCode ?? 0))
          .on('error', reject)
          .end();
      });
      expect(status).toBe(101);
      expect(upstream.requests.at(-1)?.headers).toMatchObject({ upgrade: 'websocket', connection: 'upgrade' });
    });
  });

  describe('with no API replica yet', () => {
    let dns: DnsStub;
    let upstream: Upstream;
    let nginx: RunningNginx;

    beforeAll(async () => {
      dns = await startDnsStub();
      upstream = await startUpstream();
      nginx = await startNginx({ dnsPort: dns.port, apiPort: upstream.port, files: WEB_BUILD });
    }, 20_000);

    afterAll(async () => {
      await nginx?.stop();
      await upstream?.close();
      await dns?.close();
    });

    it('starts and serves the app while the name `api` does not resolve, and reaches the API once it does', async () => {
      expect((await get(`${nginx.baseUrl}/`)).status).toBe(200);
      const down = await get(`${nginx.baseUrl}/api/health`);
      expect(down.status).toBe(502);
      expect(down.headers['x-frame-options']).toEqual(['DENY']);

      resolveReplicas(dns, [1]);
      await waitFor(
        async () => (await get(`${nginx.baseUrl}/api/health`)).status === 200,
        10_000,
        'the API through nginx',
      );
      expect(upstream.requests.map((request) => request.url)).toContain('/api/health');
    });

    it("sends every Socket.IO client to the replica that is up while the other's name does not resolve", async () => {
      const replicas = new Set<string>();
      for (let client = 1; client <= 20; client += 1)
        replicas.add(await pollFrom(nginx.baseUrl, `203.0.113.${client}`));
      expect([...replicas]).toEqual([REPLICAS[0]]);
    });
  });
});
