import type { PushPayload } from '@promoto/shared-dto';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { generateVAPIDKeys } from 'web-push';
import { addVehicle, book, registerActor, type Actor } from './support/actors';
import { createProcessAdmin, setSuspension } from './support/admins';
import { startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { browserKeys, decryptPush, FakePushService, type BrowserKeys } from './support/push-service';
import { connectSocket, pause } from './support/sockets';
import { testDatabaseName, testServerUri } from './support/test-database';

const METRICS_TOKEN = 'web-push-test-metrics-token';

/**
 * Web Push from a built API process to a local HTTPS server standing in for the push service:
 * the test decrypts each push with the subscription's own keys.
 */
describe('Web Push', () => {
  const vapid = generateVAPIDKeys();
  let pushService: FakePushService;
  let api: ApiProcess;
  let client: Actor;
  let garagiste: Actor;

  beforeAll(async () => {
    pushService = await FakePushService.start();
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      METRICS_TOKEN,
      // The stand-in push service listens on loopback, which only a test API lets through.
      ...pushService.environment(vapid),
    });
    client = await registerActor(api.baseUrl, 'client', 'Camille');
    garagiste = await registerActor(api.baseUrl, 'garagiste', 'Marc');
  }, 60_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await pushService?.stop();
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  const subscribe = (actor: Actor, path: string, keys: BrowserKeys) =>
    request(api.baseUrl)
      .post('/api/notifications/push/subscriptions')
      .set('Authorization', actor.bearer)
      .send({ endpoint: `${pushService.origin}${path}`, keys: keys.json });

  const send = (from: Actor, to: Actor, content: string) =>
    request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', from.bearer)
      .send({ recipientId: to.user.id, content })
      .expect(201);

  const pushesTo = (path: string) => pushService.received.filter((push) => push.path === path);

  it('gives the VAPID public key and refuses a subscription that is not one', async () => {
    await request(api.baseUrl).get('/api/notifications/push/public-key').expect(401);
    const key = await request(api.baseUrl)
      .get('/api/notifications/push/public-key')
      .set('Authorization', client.bearer)
      .expect(200);
    expect(key.body).toEqual({ publicKey: vapid.publicKey });
    const keys = browserKeys();
    const refused = await request(api.baseUrl)
      .post('/api/notifications/push/subscriptions')
      .set('Authorization', client.bearer)
      .send({ endpoint: 'http://127.0.0.1/not-https', keys: keys.json })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await request(api.baseUrl)
      .post('/api/notifications/push/subscriptions')
      .set('Authorization', client.bearer)
      .send({ endpoint: `${pushService.origin}/x`, keys: { p256dh: 'short', auth: keys.json.auth } })
      .expect(400);
  });

  it('pushes at once to a recipient with no tab open, encrypted for their browser', async () => {
    const keys = browserKeys();
    await subscribe(garagiste, '/garagiste-laptop', keys).expect(204);
    await send(client, garagiste, 'Bonjour <b>Marc</b>, ma voiture est prête ?');

    await waitFor(async () => pushesTo('/garagiste-laptop').length === 1, 10_000, 'a push');
    const [push] = pushesTo('/garagiste-laptop');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers['ttl'])).toBeGreaterThan(0);
    expect(push.headers['authorization']).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    const payload = JSON.parse(decryptPush(push.body, keys)) as PushPayload;
    const thread = `/garage/messages?user=${client.user.id}`;
    expect(payload).toEqual({
      notification: {
        title: 'Camille',
        body: 'Bonjour <b>Marc</b>, ma voiture est prête ?',
        icon: '/icons/icon-192.png',
        tag: expect.stringMatching(/^[0-9a-f]{24}$/),
        data: { url: thread, onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: thread } } },
      },
    });
  });

  it('does not push to someone who has a tab open', async () => {
    const socket = await connectSocket(api.baseUrl, garagiste.accessToken);
    try {
      const before = pushesTo('/garagiste-laptop').length;
      await send(client, garagiste, 'Vous me lisez en direct');
      await pause(2_000);
      expect(pushesTo('/garagiste-laptop')).toHaveLength(before);
    } finally {
      socket.close();
    }
  });

  it('removes a subscription the push service says has expired (410), and one given up', async () => {
    const keys = browserKeys();
    await subscribe(client, '/client-phone', keys).expect(204);
    const mongo = await MongoClient.connect(testServerUri());
    const subscriptions = mongo.db(testDatabaseName()).collection('push_subscriptions');
    try {
      expect(await subscriptions.countDocuments({ endpoint: `${pushService.origin}/client-phone` })).toBe(1);
      pushService.status = 410;
      await send(garagiste, client, 'Votre voiture est prête.');
      await waitFor(
        async () => (await subscriptions.countDocuments({ endpoint: `${pushService.origin}/client-phone` })) === 0,
        10_000,
        'the expired subscription to be removed',
      );
      expect(pushesTo('/client-phone')).toHaveLength(1);
      const decrypted = JSON.parse(decryptPush(pushesTo('/client-phone')[0].body, keys)) as PushPayload;
      expect(decrypted.notification.data.url).toBe(`/app/messages?user=${garagiste.user.garageId}`);

      pushService.status = 201;
      const again = browserKeys();
      await subscribe(client, '/client-tablet', again).expect(204);
      await request(api.baseUrl)
        .delete('/api/notifications/push/subscriptions')
        .set('Authorization', client.bearer)
        .send({ endpoint: `${pushService.origin}/client-tablet` })
        .expect(204);
      expect(await subscriptions.countDocuments({ endpoint: `${pushService.origin}/client-tablet` })).toBe(0);
    } finally {
      await mongo.close();
    }
    const metrics = await request(api.baseUrl)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toMatch(/notification_pushes_total\{outcome="expired"\} 1\b/);
    expect(metrics.text).toMatch(/notification_pushes_total\{outcome="sent"\} 1\b/);
  });

  it('pushes a vehicle reminder at its date, opening the booking form with « Prendre rendez-vous »', async () => {
    pushService.status = 201;
    const keys = browserKeys();
    await subscribe(client, '/client-watch', keys).expect(204);
    const clio = await addVehicle(api.baseUrl, client);
    await book(api.baseUrl, client, garagiste, 'Vidange', clio.id);
    await request(api.baseUrl)
      .post('/api/reminders')
      .set('Authorization', garagiste.bearer)
      .send({ vehicleId: clio.id, text: 'Vidange dans 6 mois', dueAt: new Date(Date.now() + 1_500).toISOString() })
      .expect(201);

    await waitFor(async () => pushesTo('/client-watch').length === 1, 15_000, 'the reminder’s push');
    const payload = JSON.parse(decryptPush(pushesTo('/client-watch')[0].body, keys)) as PushPayload;
    const bookingForm = `/app/garage/${garagiste.user.garageId}?vehicle=${clio.id}`;
    const open = { operation: 'navigateLastFocusedOrOpen', url: bookingForm };
    expect(payload.notification).toMatchObject({
      body: expect.stringMatching(/ pour votre Renault Clio · AB-123-CD : Vidange dans 6 mois$/),
      actions: [{ action: 'book', title: 'Prendre rendez-vous' }],
      data: { url: bookingForm, onActionClick: { default: open, book: open } },
    });
  });

  // Last: its push would change the sent count the 410 test reads.
  it('pushes nothing to a suspended account, and again once the suspension is lifted', async () => {
    const [paul, ines, admin] = await Promise.all([
      registerActor(api.baseUrl, 'garagiste', 'Paul'),
      registerActor(api.baseUrl, 'client', 'Inès'),
      createProcessAdmin(api.baseUrl),
    ]);
    await subscribe(paul, '/suspended-laptop', browserKeys()).expect(204);
    await setSuspension(api.baseUrl, admin, paul.user.id, true);
    await send(ines, paul, 'Vous êtes toujours là ?');
    await pause(2_000);
    expect(pushesTo('/suspended-laptop')).toHaveLength(0);

    await setSuspension(api.baseUrl, admin, paul.user.id, false);
    await send(ines, paul, 'Je repasse demain.');
    await waitFor(async () => pushesTo('/suspended-laptop').length === 1, 10_000, 'a push');
  });
});
