import type { GarageResponsivenessView, ResponsivenessFigures } from '@promoto/shared-dto';
import type { Collection } from 'mongodb';
import { Types } from 'mongoose';
import request from 'supertest';
import { ConversationRecorder } from '../src/messages/conversation-recorder';
import type { Conversation } from '../src/messages/conversation.schema';
import { ReplyWatch } from '../src/responsiveness/reply-watch';
import { storedMessage } from '../src/messages/testing/stored-messages';
import { dayOf, requestCounts } from '../src/responsiveness/reply-days';
import { ResponsivenessStats } from '../src/responsiveness/responsiveness-stats';
import { book, registerActor, sendMessage, type Actor } from './support/actors';
import { commandsOf } from './support/db-commands';
import { createTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('garage responsiveness', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let garagiste: Actor;
  let watch: ReplyWatch;
  let recorder: ConversationRecorder;
  let conversations: Collection<Conversation>;
  /** Computed once, so that the hand computation below and the API agree on which day is today. */
  const today = dayOf(new Date());
  const at = (daysAgo: number, hours: number, minutes = 0) =>
    new Date((today - daysAgo) * DAY + hours * HOUR + minutes * MINUTE);

  const figures = async (actor: Actor) =>
    (
      await api
        .get(`/api/garages/${garagiste.user.garageId}/responsiveness`)
        .set('Authorization', actor.bearer)
        .expect(200)
    ).body as GarageResponsivenessView;

  /** The conversation between a client who booked (its notice neither asks nor answers) and the garage. */
  const conversationWith = async (client: Actor) => {
    await book(testApp.baseUrl, client, garagiste);
    const found = await conversations.findOne({
      [`members.${client.user.id}`]: { $exists: true },
      [`members.${garagiste.user.garageId}`]: { $exists: true },
    });
    if (!found) throw new Error('no conversation');
    return found._id;
  };

  /** A past message of the exchange, with its id from its time as the API makes them. */
  const messageAt = (conversationId: Types.ObjectId, client: Actor, who: 'client' | 'garagiste', createdAt: Date) => {
    const garage = garagiste.user.garageId as string;
    const [sender, recipient] = who === 'client' ? [client.user.id, garage] : [garagiste.user.id, client.user.id];
    return storedMessage(new Types.ObjectId(sender), new Types.ObjectId(recipient), createdAt, {
      conversation: conversationId,
      garage: new Types.ObjectId(garage),
    });
  };

  /**
   * Replays a past exchange, one message at a time, through what the API runs once it stored a
   * message (the listener that records the conversation, then the counts): the dates decide, so
   * they are the ones the exchange happened on.
   */
  const replay = async (
    conversationId: Types.ObjectId,
    client: Actor,
    exchange: Array<['client' | 'garagiste', Date]>,
  ) => {
    for (const [who, createdAt] of exchange) {
      const summary = await conversations.findOne({ _id: conversationId });
      await recorder.recordMessage({
        ...messageAt(conversationId, client, who, createdAt),
        seq: (summary?.recorded?.seq ?? 0) + 1,
      });
    }
    await watch.flush();
  };

  beforeAll(async () => {
    // Accounts stay cached through the test: the command counts compare two exchanges, and seeding
    // the history between them outlasted the default 10 s under load (two account reads more).
    testApp = await createTestApp({ ACCOUNT_CACHE_TTL_MS: '300000' });
    api = request(testApp.baseUrl);
    watch = testApp.app.get(ReplyWatch);
    recorder = testApp.app.get(ConversationRecorder);
    conversations = testApp.connection
      .getClient()
      .db(testApp.connection.name)
      .collection<Conversation>('conversations');
    garagiste = await registerActor(testApp.baseUrl, 'garagiste', 'Marc');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('has no figures for a garage nobody wrote to yet', async () => {
    const view = await figures(garagiste);
    expect(view.periodDays).toBe(30);
    const none: ResponsivenessFigures = {
      requests: 0,
      answered: 0,
      answeredWithin24h: 0,
      settled: 0,
      answeredWithin24hShare: null,
      medianReply: null,
    };
    expect(view.current).toEqual(none);
    expect(view.previous).toEqual(none);
  });

  it('matches a computation by hand on a seeded history, then follows a live exchange', async () => {
    const [anne, bruno, chloe, denis] = await Promise.all(
      ['Anne', 'Bruno', 'Chloé', 'Denis'].map((name) => registerActor(testApp.baseUrl, 'client', name)),
    );
    const [withAnne, withBruno, withChloe] = await Promise.all([anne, bruno, chloe].map(conversationWith));

    await replay(withAnne, anne, [
      ['client', at(3, 12)], // request 1
      ['client', at(3, 12, 10)], // a follow-up is not a new request
      ['garagiste', at(3, 12, 50)], // answers request 1 in 50 minutes
      ['client', at(3, 14)], // request 2
      ['garagiste', at(1, 14)], // answers request 2 in 48 hours
    ]);
    await replay(withBruno, bruno, [
      ['client', at(10, 9)], // request 3
      ['garagiste', at(10, 9, 4)], // answers it in 4 minutes
      ['garagiste', at(10, 10)], // nothing was asked: answers nothing
      ['client', at(5, 8)], // request 4, never answered
    ]);
    await replay(withChloe, chloe, [
      ['client', at(45, 10)], // previous period: answered in 10 minutes
      ['garagiste', at(45, 10, 10)],
      ['client', at(40, 10)], // previous period: answered in 3 hours
      ['garagiste', at(40, 13)],
      ['client', at(1, 12)], // request 5, yesterday, not answered yet: not late yet
    ]);

    // By hand, last 30 days: requests 1–5; answered 1 (50 min), 2 (48 h), 3 (4 min); within 24 h: 1
    // and 3. Settled: the four requests up to the day before yesterday (request 5 is yesterday's
    // and unanswered), so 2 of 4. Median of 4 min, 50 min, 48 h: 50 min, in (30, 60].
    // The 30 days before: 2 requests, both answered within 24 h; median of 10 min and 3 h (the lower
    // one of two): 10 min, in (5, 15].
    const seeded = await figures(anne);
    expect(seeded.current).toEqual({
      requests: 5,
      answered: 3,
      answeredWithin24h: 2,
      settled: 4,
      answeredWithin24hShare: 0.5,
      medianReply: { afterMinutes: 30, atMostMinutes: 60 },
    });
    expect(seeded.previous).toEqual({
      requests: 2,
      answered: 2,
      answeredWithin24h: 2,
      settled: 2,
      answeredWithin24hShare: 1,
      medianReply: { afterMinutes: 5, atMostMinutes: 15 },
    });

    // Live, through the API: Denis asks, the garagiste answers at once.
    await sendMessage(testApp.baseUrl, denis, garagiste, 'Bonjour, avez-vous un créneau demain ?');
    await sendMessage(testApp.baseUrl, garagiste, denis, 'Oui, à 9 h.');
    await recorder.whenIdle();
    await watch.flush();
    const live = await figures(denis);
    // Answered today within minutes: settled and within 24 h. Median of 0, 4 min, 50 min, 48 h: the
    // lower one of the two middle ones, 4 min, in (0, 5].
    expect(live.current).toEqual({
      requests: 6,
      answered: 4,
      answeredWithin24h: 3,
      settled: 5,
      answeredWithin24hShare: 0.6,
      medianReply: { afterMinutes: 0, atMostMinutes: 5 },
    });
  });

  it('sends and counts a message with the same single-document commands, whatever the history', async () => {
    const client = await registerActor(testApp.baseUrl, 'client');
    const conversationId = await conversationWith(client);
    const watched = new Set(['messages', 'conversations', 'users', 'garage_responsiveness', 'garages']);
    /** One request and its answer over HTTP, and the commands they cost. */
    const exchangeCommands = () =>
      commandsOf(watched, async () => {
        // Each message recorded on its own (RECORDING_LINGER_MS could otherwise put both in one update).
        await sendMessage(testApp.baseUrl, client, garagiste);
        await recorder.whenIdle();
        await sendMessage(testApp.baseUrl, garagiste, client);
        await recorder.whenIdle();
        await watch.flush();
      });

    await exchangeCommands(); // the senders' profiles and the conversation are cached from then on
    const small = await exchangeCommands();
    // 5,000 more messages in the conversation, written straight to the database.
    const history = Array.from({ length: 5_000 }, (_, index) =>
      messageAt(conversationId, client, index % 2 === 0 ? 'client' : 'garagiste', at(5, 8, index / 100)),
    );
    await testApp.connection.collection('messages').insertMany(history);
    const large = await exchangeCommands();

    expect(large).toEqual(small);
    // Per message: its insert, the conversation's summary as a bulk write of one statement
    // (conditional on its watermark) and its read back by id, and one update of the recipient's
    // badge that answers no document (the client's, or the garage's received total); the garage's
    // team is cached like the profiles. The request and its answer: one update of the garage's
    // counts when they are written. Nothing else.
    expect(small).toEqual([
      'conversations.bulkWrite(1)',
      'conversations.bulkWrite(1)',
      'conversations.find(_id)',
      'conversations.find(_id)',
      'garage_responsiveness.updateOne(_id,slots.s' + (today % 64) + '.day)',
      'garages.bulkWrite(1)',
      'messages.insertMany(1)',
      'messages.insertMany(1)',
      'users.bulkWrite(1)',
    ]);
  });

  it('keeps 64 days in a ring: a day reuses its slot 64 days later, and concurrent first counts all land', async () => {
    const stats = testApp.app.get(ResponsivenessStats);
    const owner = new Types.ObjectId();
    await stats.add(owner, today - 63, requestCounts());
    await stats.add(owner, today - 64, requestCounts()); // no longer kept
    expect(await stats.slotsOf(owner)).toEqual([
      { day: today - 63, requests: 1, answered: 0, answeredWithin24h: 0, brackets: {} },
    ]);

    const tomorrow = new Date((today + 1) * DAY + 12 * HOUR);
    await Promise.all(Array.from({ length: 12 }, () => stats.add(owner, today + 1, requestCounts(), tomorrow)));
    const slots = await stats.slotsOf(owner);
    expect(slots).toEqual([{ day: today + 1, requests: 12, answered: 0, answeredWithin24h: 0, brackets: {} }]);
  });

  it('answers 404 for an unknown garage and 400 for a malformed id', async () => {
    await api
      .get(`/api/garages/${new Types.ObjectId().toHexString()}/responsiveness`)
      .set('Authorization', garagiste.bearer)
      .expect(404);
    await api.get('/api/garages/nope/responsiveness').set('Authorization', garagiste.bearer).expect(400);
    await api.get(`/api/garages/${garagiste.user.garageId}/responsiveness`).expect(401);
  });
});
