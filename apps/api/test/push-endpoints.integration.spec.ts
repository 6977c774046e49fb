import { MongoClient, ObjectId, type Collection } from 'mongodb';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { generateVAPIDKeys } from 'web-push';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { browserKeys, FakePushService } from './support/push-service';
import { testDatabaseName, testServerUri } from './support/test-database';

const METRICS_TOKEN = 'push-endpoints-test-metrics-token';

/**
 * A push subscription is a URL any account chooses, which the API then calls for every message:
 * endpoints inside our network (loopback, private, link-local, unspecified, in any spelling) are
 * refused when subscribed and again at send time, and an account keeps a bounded number. The API
 * runs as in production: the stand-in push service on loopback must never be reached.
 */
describe('push endpoints', () => {
  const vapid = generateVAPIDKeys();
  let pushService: FakePushService;
  let api: ApiProcess;
  let mongo: MongoClient;
  let subscriptions: Collection;
  let client: Actor;
  let garagiste: Actor;
  let quiet: Actor;

  beforeAll(async () => {
    pushService = await FakePushService.start();
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      PUSH_SUBSCRIPTIONS_PER_USER: '3',
      METRICS_TOKEN,
      NODE_EXTRA_CA_CERTS: pushService.certificateFile,
    });
    mongo = await MongoClient.connect(testServerUri());
    subscriptions = mongo.db(testDatabaseName()).collection('push_subscriptions');
    [client, garagiste, quiet] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
      registerActor(api.baseUrl, 'client'),
    ]);
  }, 60_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await pushService?.stop();
    await mongo?.db(testDatabaseName()).dropDatabase();
    await mongo?.close();
  });

  const subscribe = (actor: Actor, endpoint: string) =>
    request(api.baseUrl)
      .post('/api/notifications/push/subscriptions')
      .set('Authorization', actor.bearer)
      .send({ endpoint, keys: browserKeys().json });

  it.each([
    'https://127.0.0.1:3000/push',
    'https://localhost/push',
    'https://[::1]:8443/push',
    'https://[::ffff:127.0.0.1]/push',
    'https://0x7f000001/push',
    'https://2130706433/push',
    'https://127.1/push',
    'https://169.254.169.254/latest/meta-data',
    'https://10.0.0.1/push',
    'https://192.168.1.10/push',
    'https://[fe80::1]/push',
    'https://0.0.0.0/push',
    'https://[::]/push',
  ])('refuses a subscription to %s, storing nothing', async (endpoint) => {
    const refused = await subscribe(client, endpoint).expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^endpoint must be/),
    });
    expect(await subscriptions.countDocuments({ user: new ObjectId(client.user.id) })).toBe(0);
  });

  it('keeps the three subscriptions renewed last, however many an account makes', async () => {
    // Public documentation addresses (RFC 5737): accepted, and never called, since nobody writes to this account.
    const endpoint = (host: number) => `https://203.0.113.${host}/push/${host}`;
    for (const host of [1, 2, 3, 4, 5]) await subscribe(quiet, endpoint(host)).expect(204);
    const kept = async () =>
      (await subscriptions.find({ user: new ObjectId(quiet.user.id) }).toArray()).map((s) => s['endpoint']).sort();
    expect(await kept()).toEqual([endpoint(3), endpoint(4), endpoint(5)]);

    await subscribe(quiet, endpoint(3)).expect(204);
    await subscribe(quiet, endpoint(6)).expect(204);
    expect(await kept()).toEqual([endpoint(3), endpoint(5), endpoint(6)]);
  });

  it('refuses at send time an endpoint stored before the rule or whose name now resolves inside the network, without connecting', async () => {
    const port = new URL(pushService.origin).port;
    const sneaky = [
      `https://localhost:${port}/by-name`,
      `https://[::ffff:127.0.0.1]:${port}/mapped`,
      `https://127.0.0.1:${port}/literal`,
    ];
    const keys = browserKeys().json;
    await subscriptions.insertMany(
      sneaky.map((endpoint) => ({
        _id: createHash('sha256').update(endpoint).digest('hex') as unknown as ObjectId,
        user: new ObjectId(garagiste.user.id),
        endpoint,
        p256dh: keys.p256dh,
        auth: keys.auth,
      })),
    );

    await sendMessage(api.baseUrl, client, garagiste, 'Bonjour');
    await waitFor(
      async () => (await subscriptions.countDocuments({ user: new ObjectId(garagiste.user.id) })) === 0,
      10_000,
      'the refused subscriptions to be removed',
    );
    expect(pushService.connections).toBe(0);
    expect(pushService.received).toHaveLength(0);
    const metrics = await request(api.baseUrl)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toMatch(/notification_pushes_total\{outcome="refused"\} 3\b/);
  });
});
