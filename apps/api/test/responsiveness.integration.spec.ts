import type { GarageResponsivenessView, ResponsivenessFigures } from '@promoto/shared-dto';
import { Collection } from 'mongodb';
import { Types } from 'mongoose';
import request from 'supertest';
import type { Conversation } from '../src/messages/conversation.schema';
import type { StoredMessage } from '../src/messages/message.schema';
import { ReplyWatch } from '../src/messages/reply-watch';
import { dayOf, requestCounts } from '../src/responsiveness/reply-days';
import { ResponsivenessStats } from '../src/responsiveness/responsiveness-stats';
import { book, registerActor, type Actor } from './support/actors';
import { pause } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('garage responsiveness', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let garagiste: Actor;
  let watch: ReplyWatch;
  let conversations: Collection<Conversation>;
  /** Computed once, so that the hand computation below and the API agree on which day is today. */
  const today = dayOf(new Date());
  const at = (daysAgo: number, hours: number, minutes = 0) =>
    new Date((today - daysAgo) * DAY + hours * HOUR + minutes * MINUTE);
  let sequence = 0;

  const figures = async (actor: Actor) =>
    (
      await api
        .get(`/api/garages/${garagiste.user.garageId}/responsiveness`)
        .set('Authorization', actor.bearer)
        .expect(200)
    ).body as GarageResponsivenessView;

  /** The conversation between a client who booked (its notice neither asks nor answers) and the garagiste. */
  const conversationWith = async (client: Actor) => {
    await book(testApp.baseUrl, client, garagiste);
    const found = await conversations.findOne({
      [`members.${client.user.id}`]: { $exists: true },
      [`members.${garagiste.user.id}`]: { $exists: true },
    });
    if (!found) throw new Error('no conversation');
    return found._id;
  };

  /**
   * Replays a past exchange through the same code the API runs when it records each message:
   * the history is what decides, so it is written with the dates it happened on.
   */
  const messageAt = (conversationId: Types.ObjectId, client: Actor, who: 'client' | 'garagiste', createdAt: Date) => {
    sequence += 1;
    const seconds = Math.floor(createdAt.getTime() / 1000)
      .toString(16)
      .padStart(8, '0');
    const [sender, recipient] = who === 'client' ? [client, garagiste] : [garagiste, client];
    return {
      _id: new Types.ObjectId(`${seconds}${sequence.toString(16).padStart(16, '0')}`),
      conversation: conversationId,
      sender: new Types.ObjectId(sender.user.id),
      recipient: new Types.ObjectId(recipient.user.id),
      content: 'historique',
      idempotencyKey: `history-${sequence}`,
      createdAt,
    } as StoredMessage;
  };

  /**
   * Replays a past exchange, one message at a time, through what the API runs once it recorded a
   * message (the conversation as that recording left it, and the message): the dates decide.
   * `observe` wraps each step, after the conversation is read.
   */
  const replay = async (
    conversationId: Types.ObjectId,
    client: Actor,
    exchange: Array<['client' | 'garagiste', Date]>,
    observe: (step: () => Promise<void>) => Promise<void> = (step) => step(),
  ) => {
    for (const [who, createdAt] of exchange) {
      const message = messageAt(conversationId, client, who, createdAt);
      const conversation = (await conversations.findOne({ _id: conversationId })) as Conversation;
      await observe(() => watch.follow(conversation, [message]));
    }
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    watch = testApp.app.get(ReplyWatch);
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
    await api
      .post('/api/messages')
      .set('Authorization', denis.bearer)
      .send({ recipientId: garagiste.user.id, content: 'Bonjour, avez-vous un créneau demain ?' })
      .expect(201);
    await api
      .post('/api/messages')
      .set('Authorization', garagiste.bearer)
      .send({ recipientId: denis.user.id, content: 'Oui, à 9 h.' })
      .expect(201);
    let live = await figures(denis);
    for (let waited = 0; live.current.answered < 4 && waited < 5_000; waited += 100) {
      await pause(100);
      live = await figures(denis);
    }
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

  it('counts each message with the same few single-document writes, whatever the history', async () => {
    const client = await registerActor(testApp.baseUrl, 'client');
    const conversationId = await conversationWith(client);
    const operations: string[] = [];
    const methods = [
      'find',
      'findOne',
      'updateOne',
      'updateMany',
      'findOneAndUpdate',
      'aggregate',
      'countDocuments',
    ] as const;
    // Spies that only note each database command and let it through to the real database.
    const observe = async (step: () => Promise<void>) => {
      const spies = methods.map((method) => {
        const original = Collection.prototype[method] as (...args: unknown[]) => unknown;
        return jest.spyOn(Collection.prototype, method).mockImplementation(function (
          this: Collection,
          ...args: unknown[]
        ) {
          operations.push(`${this.collectionName}.${method}(${Object.keys((args[0] ?? {}) as object).join(',')})`);
          return original.apply(this, args) as never;
        });
      });
      try {
        await step();
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    };
    const exchange = (daysAgo: number, hour: number): Array<['client' | 'garagiste', Date]> => [
      ['client', at(daysAgo, hour)],
      ['garagiste', at(daysAgo, hour, 20)],
    ];
    /** The commands of one exchange on a day that already has counts (its slot is started). */
    const exchangeOperations = async (daysAgo: number) => {
      await replay(conversationId, client, exchange(daysAgo, 8));
      operations.length = 0;
      await replay(conversationId, client, exchange(daysAgo, 9), observe);
      return [...operations];
    };
    // A request: one compare-and-set of the conversation by _id, then one update of the
    // garagiste's counts by _id. An answer: the same. Nothing reads the messages.
    const expected = (daysAgo: number) => [
      'conversations.updateOne(_id,awaitingReply.messageId,lastReplyId)',
      `garage_responsiveness.updateOne(_id,slots.s${(today - daysAgo) % 64}.day)`,
      'conversations.updateOne(_id,awaitingReply.messageId,lastReplyId)',
      `garage_responsiveness.updateOne(_id,slots.s${(today - daysAgo) % 64}.day)`,
    ];

    expect(await exchangeOperations(20)).toEqual(expected(20));
    for (let daysAgo = 19; daysAgo > 9; daysAgo--) await replay(conversationId, client, exchange(daysAgo, 8));
    expect(await exchangeOperations(9)).toEqual(expected(9));
  });

  it('counts a request and its answer once when they are followed from the same, outdated conversation', async () => {
    const client = await registerActor(testApp.baseUrl, 'client');
    const conversationId = await conversationWith(client);
    const before = (await figures(client)).current;
    // As two replicas would: each recorded one message and holds the conversation as it was before either.
    const outdated = (await conversations.findOne({ _id: conversationId })) as Conversation;
    await Promise.all([
      watch.follow(outdated, [messageAt(conversationId, client, 'client', at(0, 0, 1))]),
      watch.follow(outdated, [messageAt(conversationId, client, 'garagiste', at(0, 0, 3))]),
    ]);
    const after = (await figures(client)).current;
    expect(after.requests - before.requests).toBe(1);
    expect(after.answered - before.answered).toBe(1);
    expect(after.answeredWithin24h - before.answeredWithin24h).toBe(1);
    expect(await conversations.findOne({ _id: conversationId })).not.toHaveProperty('awaitingReply');
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
