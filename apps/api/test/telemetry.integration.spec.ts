import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerActor, sendMessage } from './support/actors';
import { startApiProcess, startRedis, waitFor, type ApiProcess, type RedisProcess } from './support/processes';
import { connectSocket, emitWithAck, type ChatClient } from './support/sockets';
import { dropTestDatabase, testDatabaseName, testServerUri } from './support/test-database';

const METRICS_TOKEN = 'metrics-token-for-the-telemetry-test';

interface ExportedSpan {
  name: string;
  traceId: string;
  parentSpanId?: string;
  spanId: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** A stand-in OpenTelemetry collector: keeps every span posted to /v1/traces (OTLP/HTTP JSON). */
async function startCollector(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const exported = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
        for (const resource of exported.resourceSpans)
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

const attribute = (span: ExportedSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

describe('telemetry', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let redis: RedisProcess;
  let api: ApiProcess;
  let socket: ChatClient | undefined;

  beforeAll(async () => {
    collector = await startCollector();
    redis = await startRedis();
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      REDIS_URL: redis.url,
      METRICS_TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'promoto-api-test',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    for (const running of [api, redis]) running?.child.kill('SIGKILL');
    await new Promise((resolve) => collector.server.close(resolve));
    await dropTestDatabase();
  });

  it('exports traces of HTTP requests, MongoDB and Redis commands, and socket events with their clientMessageId', async () => {
    const [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    await sendMessage(api.baseUrl, client, garagiste, 'Par REST');
    socket = await connectSocket(api.baseUrl, client.accessToken);
    const ack = await emitWithAck(socket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Par le socket',
      clientMessageId: 'trace-me-42',
    });
    expect(ack.ok).toBe(true);

    const socketSpan = () => collector.spans.find((span) => span.name === 'socket.io send-message');
    await waitFor(async () => socketSpan() !== undefined, 15_000, 'the socket event span');
    const sent = socketSpan();
    if (!sent) throw new Error('no socket event span');
    expect(attribute(sent, 'promoto.client_message_id')).toBe('trace-me-42');
    expect(attribute(sent, 'promoto.outcome')).toBe('ok');
    // The message's insert is a child of the event's span, in its trace.
    await waitFor(
      async () =>
        collector.spans.some(
          (span) =>
            span.traceId === sent.traceId && span.parentSpanId === sent.spanId && span.name === 'insert messages',
        ),
      10_000,
      "a MongoDB span under the socket event's",
    );
    const names = collector.spans.map((span) => span.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/messages',
        'middleware - jsonParser',
        'insert messages',
        'find users',
        'xadd',
        'eval',
      ]),
    );
    // Health probes are left out.
    await fetch(`${api.baseUrl}/api/health/ready`);
    expect(collector.spans.some((span) => attribute(span, 'url.path')?.startsWith('/api/health'))).toBe(false);
  });

  it('measures socket events and MongoDB commands in histograms', async () => {
    const metrics = await fetch(`${api.baseUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    }).then((response) => response.text());
    expect(metrics).toMatch(/^socketio_event_duration_seconds_count\{event="send-message",outcome="ok"\} [1-9]/m);
    expect(metrics).toMatch(/^mongodb_command_duration_seconds_count\{command="insert",outcome="ok"\} [1-9]/m);
    expect(metrics).toMatch(/^notification_email_lateness_seconds_count 0$/m);
  });
});
