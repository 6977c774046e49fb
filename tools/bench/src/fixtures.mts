// Bench data written straight into the database, in the shapes of apps/api/src/**/*.schema.ts,
// because registering thousands of users through the API costs a bcrypt hash (~60 ms) each.
// Tokens are signed like apps/api/src/auth/token.service.ts does: HS256, { sub, role, garageId? }.
import { SignJWT } from 'jose';
import bcrypt from 'bcryptjs';
import { createHash, randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { conversationIdFor } from '../../../apps/api/src/messages/conversation-id.js';
import { mapLimit, sleep } from './stats.mjs';

export type Role = 'client' | 'garagiste';

export interface BenchUser {
  _id: ObjectId;
  id: string;
  name: string;
  role: Role;
  garageId?: ObjectId;
  garageName?: string;
  token: string;
}

export interface SeededConversation {
  id: ObjectId;
  count: number;
  /** Message i's id, oldest first. */
  idAt(index: number): ObjectId;
  newest: ObjectId | null;
  insertSeconds: number;
}

/** The indexes the API declares and that paging depends on; seeding waits for them. */
const REQUIRED_INDEXES: Record<string, string[]> = {
  messages: ['conversation'],
  conversations: ['firstUser', 'secondUser'],
  users: ['email'],
};

// Seeded message ids have apps/api/src/messages/message-id.ts's layout (4-byte seconds, 2-byte
// milliseconds, a 3-byte process tag, a 3-byte counter) at explicit times in the past, so that
// id order is time order, as for messages the API stores one after another.
const ID_TAG = randomBytes(3);
let idCounter = 0;
function messageIdAt(millis: number): ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(millis / 1000), 0);
  bytes.writeUInt16BE(millis % 1000, 4);
  ID_TAG.copy(bytes, 6);
  idCounter = (idCounter + 1) % 0x1000000;
  bytes.writeUIntBE(idCounter, 9, 3);
  return new ObjectId(bytes);
}

/**
 * The side a user is on in their conversations (apps/api/src/messages/conversation-parties.ts): a
 * client is their own side, a garagiste their garage's.
 */
export const partyOf = (user: BenchUser): ObjectId => user.garageId ?? user._id;

/** The API's own rule: a conversation's id is derived from its two sides' ids (the client's and the garage's). */
const pairId = (a: BenchUser, b: BenchUser) =>
  new ObjectId(conversationIdFor(partyOf(a).toHexString(), partyOf(b).toHexString()).toHexString());

/** A garage's conversation as its team left it: the members who read it, and whom it is assigned to. */
export interface TeamState {
  readers?: BenchUser[];
  assignee?: BenchUser | null;
}

interface LastMessage {
  id: ObjectId;
  /** Its place in the conversation (1 for the first message). */
  seq: number;
  sender: BenchUser;
  content: string;
  at: Date;
}

const historyContent = (i: number) => `Message ${i + 1} of the bench history: is the car ready for Thursday?`;

export class Fixtures {
  private readonly sessionKey: Uint8Array;
  private readonly passwordHash = bcrypt.hashSync('bench-password', 10);
  private userCount = 0;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    jwtSecret: string,
    private readonly seed: { batch: number; inFlight: number },
  ) {
    // The API runs with JWT_SECRET only: its sessions' key is that secret, tokens carry no kid.
    this.sessionKey = new TextEncoder().encode(jwtSecret);
  }

  static async connect(
    uri: string,
    dbName: string,
    jwtSecret: string,
    seed: { batch: number; inFlight: number },
  ): Promise<Fixtures> {
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
    return new Fixtures(client, client.db(dbName), jwtSecret, seed);
  }

  static async dropDatabase(uri: string, dbName: string): Promise<void> {
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Mongoose builds the API's indexes after it starts listening: seeding waits for them. */
  async waitForIndexes(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing: string[] = [];
      for (const [collection, fields] of Object.entries(REQUIRED_INDEXES)) {
        const indexes = await this.db
          .collection(collection)
          .indexes()
          .catch(() => [] as Document[]);
        for (const field of fields) {
          if (!indexes.some((index) => Object.keys(index['key'] as Document)[0] === field))
            missing.push(`${collection}.${field}`);
        }
      }
      if (missing.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`the API did not create its indexes (${missing.join(', ')}) within ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  }

  /** Inserts `count` documents made by `make`, in batches, several insertMany calls in flight. */
  private async insertMade(collection: string, count: number, make: (index: number) => Document): Promise<void> {
    const batches = Math.ceil(count / this.seed.batch);
    await mapLimit(
      Array.from({ length: batches }, (_, batch) => batch),
      this.seed.inFlight,
      async (batch) => {
        const documents: Document[] = [];
        for (let i = batch * this.seed.batch; i < Math.min(count, (batch + 1) * this.seed.batch); i += 1)
          documents.push(make(i));
        await this.db.collection(collection).insertMany(documents, { ordered: false });
      },
    );
  }

  private insertAll(collection: string, documents: Document[]): Promise<void> {
    return this.insertMade(collection, documents.length, (i) => documents[i]);
  }

  /** An access token of the session opened for the user in `sessions`, as a login would give. */
  private sign(user: Omit<BenchUser, 'token'>, sessionId: ObjectId): Promise<string> {
    return new SignJWT({
      sid: sessionId.toHexString(),
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId.toHexString() } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.sessionKey);
  }

  /**
   * Users (and a garage for each garagiste, its owner) with a session and its access token each.
   * `joining`: garagistes join that member's garage as staff instead (a team).
   */
  async createUsers(count: number, role: Role, label: string, joining?: BenchUser): Promise<BenchUser[]> {
    const now = new Date();
    const users: BenchUser[] = [];
    const userDocs: Document[] = [];
    const garageDocs: Document[] = [];
    const sessionDocs: Document[] = [];
    const sessionExpiry = new Date(now.getTime() + 86_400_000);
    for (let i = 0; i < count; i += 1) {
      const _id = new ObjectId();
      const number = ++this.userCount;
      const name = `Bench ${role} ${label} ${i + 1}`;
      const user: Omit<BenchUser, 'token'> = { _id, id: _id.toHexString(), name, role };
      if (role === 'garagiste' && joining?.garageId) {
        user.garageId = joining.garageId;
        user.garageName = joining.garageName;
      } else if (role === 'garagiste') {
        user.garageId = new ObjectId();
        user.garageName = `Garage bench ${number}`;
        garageDocs.push({
          _id: user.garageId,
          name: user.garageName,
          city: 'Lyon',
          cityKey: 'lyon',
          address: `${number} rue du Banc`,
          services: ['Vidange', 'Freins'],
          owner: _id,
          ownerName: name,
          createdAt: now,
          updatedAt: now,
          __v: 0,
        });
      }
      userDocs.push({
        _id,
        email: `bench-${number}-${_id.toHexString()}@promoto.test`,
        passwordHash: this.passwordHash,
        name,
        role,
        ...(user.garageId
          ? {
              garageId: user.garageId,
              garageName: user.garageName,
              garageRole: joining ? 'staff' : 'owner',
              joinedGarageAt: now,
            }
          : {}),
        unreadBy: {},
        createdAt: now,
        updatedAt: now,
        __v: 0,
      });
      const sessionId = new ObjectId();
      sessionDocs.push({
        _id: sessionId,
        user: _id,
        expiresAt: sessionExpiry,
        revokedAt: null,
        createdAt: now,
        updatedAt: now,
        __v: 0,
      });
      users.push({ ...user, token: await this.sign(user, sessionId) });
    }
    await this.insertAll('users', userDocs);
    await this.insertAll('garages', garageDocs);
    await this.insertAll('sessions', sessionDocs);
    return users;
  }

  /**
   * An invitation to the member's garage as apps/api/src/team/invitations.service.ts stores it (the
   * SHA-256 of its token, never the token), valid a day; answers the link's token.
   */
  async createInvitation(inviter: BenchUser, email: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.db.collection('garage_invitations').insertOne({
      garage: inviter.garageId,
      garageName: inviter.garageName,
      email,
      role: 'staff',
      tokenHash: createHash('sha256').update(token).digest('base64url'),
      invitedBy: inviter._id,
      invitedByName: inviter.name,
      expiresAt: new Date(now.getTime() + 86_400_000),
      createdAt: now,
      __v: 0,
    });
    return token;
  }

  private static messageDoc(
    _id: ObjectId,
    conversation: ObjectId,
    sender: BenchUser,
    recipient: BenchUser,
    content: string,
    at: Date,
    seq: number,
  ): Document {
    const garage = sender.garageId ?? recipient.garageId;
    return {
      _id,
      conversation,
      sender: sender._id,
      recipient: partyOf(recipient),
      ...(garage ? { garage } : {}),
      ...(sender.garageId ? { senderName: sender.name } : {}),
      content,
      idempotencyKey: _id.toHexString(),
      createdAt: at,
      seq,
      seqKey: `${conversation.toHexString()}:${seq}`,
      __v: 0,
    };
  }

  private static conversationDoc(
    _id: ObjectId,
    a: BenchUser,
    b: BenchUser,
    last: LastMessage | null,
    unread: { reader: BenchUser; count: number } | null,
    team: TeamState = {},
  ): Document {
    const member = (user: BenchUser) => {
      const unreadCount = unread?.reader === user ? unread.count : 0;
      return {
        // A garage's side is named after the garage.
        name: user.garageName ?? user.name,
        role: user.role,
        ...(user.garageName ? { garageName: user.garageName } : {}),
        receivedCount: unreadCount,
        readCount: 0,
        ...(last && unreadCount === 0 ? { lastReadMessageId: last.id, lastReadAt: last.at } : {}),
      };
    };
    const at = last?.at ?? new Date();
    const [first, second] = [partyOf(a), partyOf(b)].sort((x, y) => x.toHexString().localeCompare(y.toHexString()));
    return {
      _id,
      firstUser: first,
      secondUser: second,
      firstFolder: 'inbox',
      secondFolder: 'inbox',
      activity: last?.id ?? messageIdAt(at.getTime()),
      members: { [partyOf(a).toHexString()]: member(a), [partyOf(b).toHexString()]: member(b) },
      // Each member who read the conversation holds their own reading, up to its newest message.
      ...(last && team.readers?.length
        ? {
            readers: Object.fromEntries(
              team.readers
                .filter((reader) => reader !== unread?.reader)
                .map((reader) => [reader.id, { readCount: 0, lastReadMessageId: last.id, lastReadAt: last.at }]),
            ),
          }
        : {}),
      ...(team.assignee ? { assignee: team.assignee._id, assigneeName: team.assignee.name } : {}),
      // The filters' key, as the API writes it: the assignee's id, or 'none'.
      assignment: team.assignee ? team.assignee.id : 'none',
      ...(last
        ? {
            recorded: { seq: last.seq, id: last.id },
            lastMessage: {
              id: last.id,
              senderId: last.sender._id,
              ...(last.sender.garageId ? { senderName: last.sender.name } : {}),
              content: last.content.slice(0, 140),
              createdAt: last.at,
            },
          }
        : {}),
      createdAt: at,
      updatedAt: at,
      __v: 0,
    };
  }

  /**
   * One conversation per pair, so that either side may write first, each holding `messages`
   * messages (the two taking turns, a second apart, read by both), or none.
   */
  async createConversations(pairs: Array<[BenchUser, BenchUser]>, messages = 0): Promise<SeededConversation[]> {
    const started = performance.now();
    const firstMillis = (Math.floor(Date.now() / 1000) - 60 - messages) * 1000;
    const seeded = pairs.map(([a, b]) => ({ id: pairId(a, b), ids: Buffer.alloc(12 * messages) }));
    const lasts: Array<LastMessage | null> = pairs.map(() => null);
    await this.insertMade('messages', pairs.length * messages, (index) => {
      const pair = Math.floor(index / messages);
      const i = index % messages;
      const [a, b] = pairs[pair];
      const [sender, recipient] = i % 2 === 0 ? [a, b] : [b, a];
      const at = firstMillis + i * 1000;
      const _id = messageIdAt(at);
      seeded[pair].ids.set(_id.id, 12 * i);
      const content = historyContent(i);
      if (i === messages - 1) lasts[pair] = { id: _id, seq: i + 1, sender, content, at: new Date(at) };
      return Fixtures.messageDoc(_id, seeded[pair].id, sender, recipient, content, new Date(at), i + 1);
    });
    await this.insertAll(
      'conversations',
      pairs.map(([a, b], pair) => Fixtures.conversationDoc(seeded[pair].id, a, b, lasts[pair], null)),
    );
    const insertSeconds = (performance.now() - started) / 1000;
    return seeded.map(({ id, ids }) => compactConversation(id, ids, messages, insertSeconds));
  }

  /**
   * A conversation with `count` messages one second apart, ending a minute ago. `from` sends every
   * message, or both users take turns when it is omitted. `unreadBy` has read none of what they
   * received; the other participant has read everything.
   */
  async seedConversation(
    a: BenchUser,
    b: BenchUser,
    count: number,
    options: { from?: BenchUser; unreadBy?: BenchUser; team?: TeamState } = {},
  ): Promise<SeededConversation> {
    const conversationId = pairId(a, b);
    const firstMillis = (Math.floor(Date.now() / 1000) - 60 - count) * 1000;
    const ids = Buffer.alloc(12 * count);
    const started = performance.now();
    const senderOf = (i: number) => options.from ?? (i % 2 === 0 ? a : b);
    await this.insertMade('messages', count, (i) => {
      const sender = senderOf(i);
      const at = firstMillis + i * 1000;
      const _id = messageIdAt(at);
      ids.set(_id.id, 12 * i);
      return Fixtures.messageDoc(
        _id,
        conversationId,
        sender,
        sender === a ? b : a,
        historyContent(i),
        new Date(at),
        i + 1,
      );
    });
    const received = options.unreadBy
      ? Array.from({ length: count }, (_, i) => senderOf(i)).filter((sender) => sender !== options.unreadBy).length
      : 0;
    const seeded = compactConversation(conversationId, ids, count, (performance.now() - started) / 1000);
    const last: LastMessage = {
      id: seeded.idAt(count - 1),
      seq: count,
      sender: senderOf(count - 1),
      content: historyContent(count - 1),
      at: new Date(firstMillis + (count - 1) * 1000),
    };
    await this.db
      .collection('conversations')
      .insertOne(
        Fixtures.conversationDoc(
          conversationId,
          a,
          b,
          last,
          options.unreadBy ? { reader: options.unreadBy, count: received } : null,
          options.team,
        ),
      );
    if (options.unreadBy) await this.setUnread(options.unreadBy, conversationId, received);
    return seeded;
  }

  /**
   * Puts a reader's backlog back: `count` unread and no watermark, as before they first read. A
   * garage's member reads the garage's side against their own reading (`readers.<id>`).
   */
  async resetUnread(conversationId: ObjectId, reader: BenchUser, count: number): Promise<void> {
    const side = `members.${partyOf(reader).toHexString()}`;
    const own = reader.garageId ? `readers.${reader.id}` : side;
    await this.db.collection('conversations').updateOne(
      { _id: conversationId },
      {
        $set: { [`${side}.receivedCount`]: count, [`${own}.readCount`]: 0 },
        $unset: { [`${own}.lastReadMessageId`]: '', [`${own}.lastReadAt`]: '' },
      },
    );
    await this.setUnread(reader, conversationId, count);
  }

  /**
   * The user's unread count in one conversation, as the menu badge counts it: a client's per
   * conversation; a garage's member's is the garage's received total minus what they read.
   */
  private async setUnread(user: BenchUser, conversationId: ObjectId, count: number): Promise<void> {
    if (user.garageId) {
      await this.db.collection('garages').updateOne({ _id: user.garageId }, { $set: { receivedTotal: count } });
      await this.db.collection('users').updateOne({ _id: user._id }, { $set: { garageReadTotal: 0 } });
      return;
    }
    await this.db
      .collection('users')
      .updateOne({ _id: user._id }, { $set: { [`unreadBy.${conversationId.toHexString()}`]: count } });
  }

  /**
   * One conversation between `owner` and each of `others`, each with one message from the other
   * side, a minute apart; every tenth is unread by the owner. `team(i)`: the i-th conversation's
   * readers and assignee, when the owner is one of a garage's members.
   */
  async seedConversationList(
    owner: BenchUser,
    others: BenchUser[],
    team: (index: number) => TeamState = () => ({}),
  ): Promise<number> {
    const started = performance.now();
    const firstSecond = Math.floor(Date.now() / 1000) - 60 * (others.length + 1);
    const conversations: Document[] = [];
    const messages: Document[] = [];
    const unreadBy: Record<string, number> = {};
    others.forEach((other, i) => {
      const conversationId = pairId(owner, other);
      const at = new Date((firstSecond + 60 * i) * 1000);
      const _id = messageIdAt(at.getTime());
      const content = `Bonjour, pouvez-vous regarder mes freins ? (${i + 1})`;
      const unread = i % 10 === 0;
      if (unread) unreadBy[conversationId.toHexString()] = 1;
      messages.push(Fixtures.messageDoc(_id, conversationId, other, owner, content, at, 1));
      conversations.push(
        Fixtures.conversationDoc(
          conversationId,
          owner,
          other,
          { id: _id, seq: 1, sender: other, content, at },
          unread ? { reader: owner, count: 1 } : null,
          team(i),
        ),
      );
    });
    await this.insertAll('messages', messages);
    await this.insertAll('conversations', conversations);
    if (owner.garageId) {
      const unread = Object.keys(unreadBy).length;
      // Added to what the garage's other conversations hold: its received total is their sum.
      await this.db.collection('garages').updateOne({ _id: owner.garageId }, { $inc: { receivedTotal: unread } });
      await this.db.collection('users').updateOne({ _id: owner._id }, { $set: { garageReadTotal: 0 } });
    } else {
      await this.db.collection('users').updateOne({ _id: owner._id }, { $set: { unreadBy } });
    }
    return (performance.now() - started) / 1000;
  }
}

function compactConversation(id: ObjectId, ids: Buffer, count: number, insertSeconds: number): SeededConversation {
  const idAt = (index: number) => new ObjectId(ids.subarray(12 * index, 12 * index + 12));
  return { id, count, idAt, newest: count > 0 ? idAt(count - 1) : null, insertSeconds };
}
