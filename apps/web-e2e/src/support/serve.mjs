// Serves what the browser tests run against, until SIGTERM: the built API on E2E_API_PORT
// (database MONGODB_DB=e2e_web) and the production web build on E2E_WEB_PORT, with /api and
// /socket.io proxied to the API as the dev server and ops do; and the same pair on the next two
// ports with access tokens of SHORT_SESSION_TOKEN_S seconds, for the test of sessions that outlive
// them. Without MONGODB_URI (outside `npm test`), it starts its own embedded database first. The
// Playwright config sets the ports.
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startFerretdb } from '../../../../tools/db/ferretdb.mjs';
import { loadDevEnv, root, startProcess, waitForHttp } from '../../../../tools/scripts/processes.mjs';

loadDevEnv();
const apiPort = Number(process.env.E2E_API_PORT);
const webPort = Number(process.env.E2E_WEB_PORT);
if (!apiPort || !webPort) throw new Error('E2E_API_PORT and E2E_WEB_PORT must be set (see playwright.config.ts)');
/** Its own port and files, so that it never meets the development or `npm test` database. */
const E2E_DB = { port: 27029, dataDir: join(root, '.data/ferretdb-e2e') };
const webRoot = join(root, 'dist/apps/web/browser');
const apiMain = join(root, 'dist/apps/api/main.js');
for (const built of [join(webRoot, 'index.html'), apiMain]) {
  if (!existsSync(built)) throw new Error(`${built} is missing: build web and api first (nx e2e web-e2e does)`);
}

const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) await stop();
  process.exit(code);
}
process.on('SIGTERM', () => stopAll(0));
process.on('SIGINT', () => stopAll(0));

let mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri) {
  const database = await startFerretdb({ ...E2E_DB, fresh: true });
  stops.push(() => database.stop());
  mongodbUri = database.uri;
}

/** The access token lifetime of the second site (session-refresh.spec.ts). */
const SHORT_SESSION_TOKEN_S = 8;

/** Starts the built API on `port`, its web origin on `site` (both on loopback). */
async function startApi(port, site, env = {}) {
  // In its own process group, which is what stop() signals.
  const api = startProcess('node', [apiMain], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      MONGODB_URI: mongodbUri,
      MONGODB_DB: 'e2e_web',
      PORT: String(port),
      HOST: '127.0.0.1',
      FRONTEND_URL: `http://127.0.0.1:${site}`,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      // Responsiveness counts written within a fifth of a second, not every 30 s, for the pages to show them.
      RESPONSIVENESS_FLUSH_MS: '200',
      ...env,
    },
  });
  stops.push(() => api.stop());
  api.exited.then(({ code }) => {
    if (!stopping) {
      console.error(`[e2e] the API on ${port} exited (code ${code})`);
      void stopAll(1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 60_000, () => !stopping);
}

const webOrigin = `http://127.0.0.1:${webPort}`;
await startApi(apiPort, webPort);
await startApi(apiPort + 1, webPort + 1, { JWT_EXPIRES_IN: String(SHORT_SESSION_TOKEN_S) });

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};
const isProxied = (url) => url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io/');

/** Compressed as docker/nginx.conf does (gzip_types): Lighthouse's performance counts the bytes sent. */
const COMPRESSED = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);
/** Each file's compressed bytes, by path and modification time: a build replaced under a running server is served as it now is. */
const gzipped = new Map();

function serveStatic(request, response) {
  const path = normalize(decodeURIComponent(new URL(request.url, webOrigin).pathname));
  const file = join(webRoot, path);
  // Unknown paths are app routes: the SPA's index.html handles them.
  const target = file.startsWith(webRoot) && existsSync(file) && extname(file) ? file : join(webRoot, 'index.html');
  const headers = {
    'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    vary: 'accept-encoding',
  };
  if (!COMPRESSED.has(extname(target)) || !/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    response.writeHead(200, headers);
    response.end(readFileSync(target));
    return;
  }
  const key = `${target} ${statSync(target).mtimeMs}`;
  if (!gzipped.has(key)) gzipped.set(key, gzipSync(readFileSync(target)));
  response.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
  response.end(gzipped.get(key));
}

function proxy(request, response, apiPort) {
  const upstream = http.request(
    { host: '127.0.0.1', port: apiPort, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
}

/** The web build on `port`, with /api and /socket.io (WebSocket upgrades included) going to the API on `apiPort`. */
async function serveSite(port, apiPort) {
  const server = http.createServer((request, response) =>
    isProxied(request.url ?? '') ? proxy(request, response, apiPort) : serveStatic(request, response),
  );
  // WebSocket upgrades are piped raw to the API, headers included.
  server.on('upgrade', (request, socket, head) => {
    if (!isProxied(request.url ?? '')) return socket.destroy();
    const upstream = net.connect(apiPort, '127.0.0.1', () => {
      const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
      upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  stops.push(() => {
    server.close();
    server.closeAllConnections();
  });
}

await serveSite(webPort, apiPort);
await serveSite(webPort + 1, apiPort + 1);
console.log(
  `[e2e] web app on ${webOrigin}, API on http://127.0.0.1:${apiPort}/api; with ${SHORT_SESSION_TOKEN_S}-second access tokens on ports ${webPort + 1} and ${apiPort + 1}`,
);
