// Bench data written straight into the database, in the shapes of apps/api/src/**/*.schema.ts,
// because registering thousands of users through the API costs a bcrypt hash (~60 ms) each.
// Tokens are signed like apps/api/src/auth/token.service.ts does: HS256, { sub, role, garageId? }.
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { conversationIdFor } from '../../../apps/api/src/messages/conversation-id.js';
import { sleep } from './stats.mjs';

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
  /** Message ids, oldest first. */
  messageIds: ObjectId[];
  insertSeconds: number;
}

/** The indexes the API declares and that paging depends on; seeding waits for them. */
const REQUIRED_INDEXES: Record<string, string[]> = {
  messages: ['conversation'],
  conversations: ['participants'],
  users: ['email'],
};

// Seeded ids carry explicit, strictly increasing timestamps (one second apart, in the past)
// so that id order is time order, as for messages the API stores one after another.
const ID_MACHINE = randomBytes(5);
let idCounter = 0;
function objectIdAt(seconds: number): ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(seconds >>> 0, 0);
  ID_MACHINE.copy(bytes, 4);
  bytes.writeUIntBE(idCounter++ & 0xffffff, 9, 3);
  return new ObjectId(bytes);
}

/** The API's own rule: a pair's conversation id is derived from the two user ids. */
const pairId = (a: BenchUser, b: BenchUser) => new ObjectId(conversationIdFor(a.id, b.id).toHexString());

export class Fixtures {
  private readonly jwt: JwtService;
  private readonly passwordHash = bcrypt.hashSync('bench-password', 10);
  private userCount = 0;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    jwtSecret: string,
    private readonly batchSize: number,
  ) {
    this.jwt = new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: '12h' } });
  }

  static async connect(uri: string, dbName: string, jwtSecret: string, batchSize: number): Promise<Fixtures> {
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
    return new Fixtures(client, client.db(dbName), jwtSecret, batchSize);
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

  private async insertBatches(collection: string, documents: Document[]): Promise<void> {
    for (let start = 0; start < documents.length; start += this.batchSize) {
      await this.db
        .collection(collection)
        .insertMany(documents.slice(start, start + this.batchSize), { ordered: false });
    }
  }

  private sign(user: Omit<BenchUser, 'token'>): string {
    return this.jwt.sign({
      sub: user.id,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId.toHexString() } : {}),
    });
  }

  /** Users (and a garage for each garagiste) with a signed token each. */
  async createUsers(count: number, role: Role, label: string): Promise<BenchUser[]> {
    const now = new Date();
    const users: BenchUser[] = [];
    const userDocs: Document[] = [];
    const garageDocs: Document[] = [];
    for (let i = 0; i < count; i += 1) {
      const _id = new ObjectId();
      const number = ++this.userCount;
      const name = `Bench ${role} ${label} ${i + 1}`;
      const user: Omit<BenchUser, 'token'> = { _id, id: _id.toHexString(), name, role };
      if (role === 'garagiste') {
        user.garageId = new ObjectId();
        user.garageName = `Garage bench ${number}`;
        garageDocs.push({
          _id: user.garageId,
          name: user.garageName,
          city: 'Lyon',
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
        ...(user.garageId ? { garageId: user.garageId, garageName: user.garageName } : {}),
        unreadTotal: 0,
        createdAt: now,
        updatedAt: now,
        __v: 0,
      });
      users.push({ ...user, token: this.sign(user) });
    }
    await this.insertBatches('users', userDocs);
    await this.insertBatches('garages', garageDocs);
    return users;
  }

  private static conversationDoc(
    _id: ObjectId,
    a: BenchUser,
    b: BenchUser,
    last: { id: ObjectId; sender: BenchUser; content: string; at: Date } | null,
    unread: { reader: BenchUser; count: number } | null,
  ): Document {
    const member = (user: BenchUser) => {
      const unreadCount = unread?.reader === user ? unread.count : 0;
      return {
        name: user.name,
        role: user.role,
        ...(user.garageName ? { garageName: user.garageName } : {}),
        receivedCount: unreadCount,
        readCount: 0,
        ...(last && unreadCount === 0 ? { lastReadMessageId: last.id, lastReadAt: last.at } : {}),
      };
    };
    const at = last?.at ?? new Date();
    return {
      _id,
      participants: [a._id, b._id],
      members: { [a.id]: member(a), [b.id]: member(b) },
      ...(last
        ? {
            lastMessage: {
              id: last.id,
              senderId: last.sender._id,
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

  /** Empty conversations, one per pair, so that either side may write first. */
  async createConversations(pairs: Array<[BenchUser, BenchUser]>): Promise<void> {
    await this.insertBatches(
      'conversations',
      pairs.map(([a, b]) => Fixtures.conversationDoc(pairId(a, b), a, b, null, null)),
    );
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
    options: { from?: BenchUser; unreadBy?: BenchUser } = {},
  ): Promise<SeededConversation> {
    const conversationId = pairId(a, b);
    const firstSecond = Math.floor(Date.now() / 1000) - 60 - count;
    const messageIds: ObjectId[] = [];
    const started = performance.now();
    let received = 0;
    let last: { id: ObjectId; sender: BenchUser; content: string; at: Date } | null = null;
    for (let start = 0; start < count; start += this.batchSize) {
      const batch: Document[] = [];
      for (let i = start; i < Math.min(count, start + this.batchSize); i += 1) {
        const sender = options.from ?? (i % 2 === 0 ? a : b);
        const recipient = sender === a ? b : a;
        const seconds = firstSecond + i;
        const _id = objectIdAt(seconds);
        const content = `Message ${i + 1} of the bench history: is the car ready for Thursday?`;
        if (recipient === options.unreadBy) received += 1;
        last = { id: _id, sender, content, at: new Date(seconds * 1000) };
        messageIds.push(_id);
        batch.push({
          _id,
          conversation: conversationId,
          sender: sender._id,
          recipient: recipient._id,
          content,
          idempotencyKey: _id.toHexString(),
          createdAt: last.at,
          __v: 0,
        });
      }
      await this.db.collection('messages').insertMany(batch, { ordered: false });
    }
    await this.db
      .collection('conversations')
      .insertOne(
        Fixtures.conversationDoc(
          conversationId,
          a,
          b,
          last,
          options.unreadBy ? { reader: options.unreadBy, count: received } : null,
        ),
      );
    if (options.unreadBy) await this.addUnread(options.unreadBy, received);
    return { id: conversationId, messageIds, insertSeconds: (performance.now() - started) / 1000 };
  }

  /** Puts a reader's backlog back: `count` unread and no watermark, as before they first read. */
  async resetUnread(conversationId: ObjectId, reader: BenchUser, count: number): Promise<void> {
    const member = `members.${reader.id}`;
    await this.db.collection('conversations').updateOne(
      { _id: conversationId },
      {
        $set: { [`${member}.receivedCount`]: count, [`${member}.readCount`]: 0 },
        $unset: { [`${member}.lastReadMessageId`]: '', [`${member}.lastReadAt`]: '' },
      },
    );
    await this.addUnread(reader, count);
  }

  /** The user's unread total (the menu badge) follows what the seeded conversations hold. */
  private async addUnread(user: BenchUser, count: number): Promise<void> {
    await this.db.collection('users').updateOne({ _id: user._id }, { $inc: { unreadTotal: count } });
  }

  /**
   * One conversation between `owner` and each of `others`, each with one message from the other
   * side, a minute apart; every tenth is unread by the owner.
   */
  async seedConversationList(owner: BenchUser, others: BenchUser[]): Promise<number> {
    const started = performance.now();
    const firstSecond = Math.floor(Date.now() / 1000) - 60 * (others.length + 1);
    const conversations: Document[] = [];
    const messages: Document[] = [];
    others.forEach((other, i) => {
      const conversationId = pairId(owner, other);
      const seconds = firstSecond + 60 * i;
      const _id = objectIdAt(seconds);
      const content = `Bonjour, pouvez-vous regarder mes freins ? (${i + 1})`;
      const at = new Date(seconds * 1000);
      messages.push({
        _id,
        conversation: conversationId,
        sender: other._id,
        recipient: owner._id,
        content,
        idempotencyKey: _id.toHexString(),
        createdAt: at,
        __v: 0,
      });
      conversations.push(
        Fixtures.conversationDoc(
          conversationId,
          owner,
          other,
          { id: _id, sender: other, content, at },
          i % 10 === 0 ? { reader: owner, count: 1 } : null,
        ),
      );
    });
    await this.insertBatches('messages', messages);
    await this.insertBatches('conversations', conversations);
    await this.addUnread(owner, Math.ceil(others.length / 10));
    return (performance.now() - started) / 1000;
  }
}
