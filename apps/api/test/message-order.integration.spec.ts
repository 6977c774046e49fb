import type { MessageView, Page } from '@promoto/shared-dto';
import { MongoClient } from 'mongodb';
import { resolve } from 'node:path';
import request from 'supertest';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { startApiProcess, type ApiProcess } from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';

const skewedClock = resolve(__dirname, 'support/skewed-clock.cjs');

/**
 * Two API processes over one database whose clocks disagree by a minute: a conversation's
 * messages keep one order, the order they were sent in, whichever process stored each one.
 */
describe('one order per conversation across replicas with skewed clocks', () => {
  let ahead: ApiProcess;
  let behind: ApiProcess;
  let client: Actor;
  let garagiste: Actor;

  beforeAll(async () => {
    const env = (skewMs: number) => ({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      NODE_OPTIONS: `--require ${skewedClock}`,
      CLOCK_SKEW_MS: String(skewMs),
    });
    [ahead, behind] = await Promise.all([startApiProcess(env(30_000)), startApiProcess(env(-30_000))]);
    [client, garagiste] = await Promise.all([
      registerActor(behind.baseUrl, 'client'),
      registerActor(behind.baseUrl, 'garagiste'),
    ]);
  }, 60_000);

  afterAll(async () => {
    for (const api of [ahead, behind]) api?.child.kill('SIGKILL');
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  const send = (via: ApiProcess, from: Actor, to: Actor, content: string) =>
    sendMessage(via.baseUrl, from, to, content);

  it('orders history, catch-up and times by sending order, whichever replica stored each message', async () => {
    const sent: MessageView[] = [];
    // Alternating replicas, each send after the previous one's acknowledgement: the replica ahead
    // stamps its clock a minute past the other's.
    for (let index = 0; index < 12; index += 1) {
      const via = index % 2 === 0 ? ahead : behind;
      const [from, to] = index % 3 === 2 ? [garagiste, client] : [client, garagiste];
      sent.push(await send(via, from, to, `Message ${index}`));
    }
    const ids = sent.map((message) => message.id);
    expect([...ids].sort()).toEqual(ids);
    const times = sent.map((message) => Date.parse(message.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    for (const replica of [ahead, behind]) {
      const history = (
        await request(replica.baseUrl)
          .get(`/api/messages/conversation/${garagiste.user.id}`)
          .set('Authorization', client.bearer)
          .expect(200)
      ).body as Page<MessageView>;
      expect(history.items.map((message) => message.content)).toEqual(sent.map((message) => message.content));
      // Catching up after any message brings exactly the ones sent after it.
      const after = (
        await request(replica.baseUrl)
          .get(`/api/messages/conversation/${garagiste.user.id}?after=${sent[4].id}`)
          .set('Authorization', client.bearer)
          .expect(200)
      ).body as Page<MessageView>;
      expect(after.items.map((message) => message.id)).toEqual(ids.slice(5));
    }

    const mongo = await MongoClient.connect(testServerUri());
    try {
      const stored = await mongo
        .db(testDatabaseName())
        .collection('messages')
        .find({ content: /^Message / })
        .sort({ _id: 1 })
        .toArray();
      expect(stored.map((message) => message['seq'])).toEqual(sent.map((_, index) => index + 1));
    } finally {
      await mongo.close();
    }
  });

  it('gives concurrent messages of one conversation on both replicas distinct consecutive places', async () => {
    const burst = (via: ApiProcess, from: Actor, to: Actor) =>
      Promise.all(Array.from({ length: 15 }, (_, index) => send(via, from, to, `Rafale ${index}`)));
    const acked = (await Promise.all([burst(ahead, client, garagiste), burst(behind, garagiste, client)])).flat();
    const history = (
      await request(ahead.baseUrl)
        .get(`/api/messages/conversation/${garagiste.user.id}?limit=100`)
        .set('Authorization', client.bearer)
        .expect(200)
    ).body as Page<MessageView>;
    const listed = history.items.map((message) => message.id);
    expect(new Set(listed)).toEqual(new Set([...listed]));
    for (const message of acked) expect(listed).toContain(message.id);
    const mongo = await MongoClient.connect(testServerUri());
    try {
      const seqs = (await mongo.db(testDatabaseName()).collection('messages').find({}).sort({ _id: 1 }).toArray()).map(
        (message) => message['seq'],
      );
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    } finally {
      await mongo.close();
    }
  });
});
