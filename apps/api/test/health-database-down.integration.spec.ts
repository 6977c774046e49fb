import { createTestApp, type TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';
import { testServerUri } from './support/test-database';

describe('GET /api/health when the database goes away', () => {
  let proxy: TcpProxy;
  let testApp: TestApp;

  beforeAll(async () => {
    const server = new URL(testServerUri().split(',')[0]);
    proxy = new TcpProxy(server.hostname, Number(server.port || 27017));
    await proxy.open();
    testApp = await createTestApp({
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true`,
    });
  });

  afterAll(async () => {
    await proxy.open();
    await testApp.close();
    await proxy.cut();
  });

  it('answers 200 while the database answers, 503 once it is cut off, and 200 again when it is back', async () => {
    expect((await fetch(`${testApp.baseUrl}/api/health`)).status).toBe(200);

    await proxy.cut();
    const down = await fetch(`${testApp.baseUrl}/api/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'error',
      error: { database: { status: 'down' } },
    });

    await proxy.open();
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 200; attempt += 1) {
      status = (await fetch(`${testApp.baseUrl}/api/health`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  });
});
