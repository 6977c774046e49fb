import { Document, ObjectId, Sort } from 'mongodb';

// A generated corpus and generated queries for the differential test: the values that make
// FerretDB's SQL pushdown delicate (ObjectIds and strings with the same hex, numbers, missing
// fields, nulls, arrays of ObjectIds, of mixed values and of documents (FerretDB stores no nested arrays), nested documents, mixed-type _ids),
// the query shapes the API sends, and near misses that must not be pushed down.

/** Deterministic pseudo-random numbers (mulberry32), so that a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CollectionSpec {
  name: string;
  indexes: { key: Document; unique?: boolean }[];
  docs: Document[];
}

export interface Query {
  collection: string;
  filter: Document;
  sort?: Sort;
  limit?: number;
  skip?: number;
}

const STRINGS = ['abc', 'x<y&z>', 'é"q\\', '', '[not an array]'];

export class Corpus {
  private readonly next: () => number;
  private seq = 0;
  readonly pool: ObjectId[];
  readonly fresh: ObjectId[] = [];

  constructor(seed: number) {
    this.next = random(seed);
    this.pool = Array.from({ length: 5 }, () => this.objectId());
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  objectId(): ObjectId {
    return new ObjectId(Array.from({ length: 24 }, () => '0123456789abcdef'[this.int(16)]).join(''));
  }

  freshObjectId(): ObjectId {
    const id = this.objectId();
    this.fresh.push(id);
    return id;
  }

  /** A value of an equality field (conversation, sender, firstUser…); undefined means missing. */
  equalityValue(): unknown {
    const roll = this.next();
    if (roll < 0.42) return this.pick(this.pool);
    if (roll < 0.52) return this.pick(this.pool).toHexString();
    if (roll < 0.57) return this.pick(STRINGS);
    if (roll < 0.61) return this.pick([0, 5, 42]);
    if (roll < 0.63) return 5.5;
    if (roll < 0.67) return null;
    if (roll < 0.76) return undefined;
    if (roll < 0.84) return Array.from({ length: 1 + this.int(3) }, () => this.pick(this.pool));
    if (roll < 0.88) return [this.pick(this.pool), this.pick(STRINGS), 3];
    if (roll < 0.9) return [];
    if (roll < 0.92) return [{ a: this.pick(this.pool) }];
    if (roll < 0.95) return { a: this.pick(this.pool) };
    if (roll < 0.97) return [this.pick(this.pool).toHexString()];
    return true;
  }

  /** A value of a folder field (firstFolder, secondFolder): mostly the API's two strings, and the same traps. */
  folderValue(): unknown {
    const roll = this.next();
    if (roll < 0.5) return 'inbox';
    if (roll < 0.72) return 'archived';
    if (roll < 0.8) return undefined;
    if (roll < 0.84) return null;
    if (roll < 0.89) return ['archived', this.pick(STRINGS)];
    if (roll < 0.93) return this.pick(this.pool);
    if (roll < 0.97) return this.pick(STRINGS);
    return true;
  }

  /** A value of the sorted field (activity): unique ObjectIds, so that no two matches tie. */
  sortedValue(): unknown {
    const roll = this.next();
    if (roll < 0.7) return this.freshObjectId();
    if (roll < 0.78) return this.freshObjectId().toHexString();
    if (roll < 0.82) return undefined;
    if (roll < 0.85) return null;
    if (roll < 0.88) return this.int(1000);
    if (roll < 0.95) return Array.from({ length: 1 + this.int(3) }, () => this.freshObjectId());
    return [this.freshObjectId(), 'x', 1000 + this.int(1_000_000_000)];
  }

  /** Mostly ObjectIds; also strings that look like ObjectIds, numbers, strings and documents. */
  id(): unknown {
    const roll = this.next();
    if (roll < 0.85) return this.freshObjectId();
    if (roll < 0.9) return this.objectId().toHexString();
    if (roll < 0.94) return 100_000 + this.seq;
    if (roll < 0.97) return `id-${this.seq}`;
    return { k: this.seq };
  }

  /**
   * Operands of `_id: {$in}`, as the API reads a batch back (stored ObjectIds), with what must
   * not change the answer: an ObjectId's hex as a string, unknown ids, and near misses that are
   * not pushed down (a number, a document, no operand at all).
   */
  idOperands(): unknown[] {
    if (this.chance(0.05)) return [];
    return Array.from({ length: 1 + this.int(6) }, () => {
      const roll = this.next();
      if (roll < 0.6) return this.pick(this.fresh);
      if (roll < 0.75) return this.pick(this.fresh).toHexString();
      if (roll < 0.85) return this.objectId();
      if (roll < 0.92) return 100_000 + this.int(this.seq);
      return this.pick([`id-${this.int(this.seq)}`, { k: this.int(this.seq) }]);
    });
  }

  doc(fields: Record<string, unknown>): Document {
    const doc: Document = { _id: this.id(), seq: this.seq++ };
    for (const [field, value] of Object.entries(fields)) if (value !== undefined) doc[field] = value;
    if (this.chance(0.3)) doc['nested'] = { a: this.pick(this.pool) };
    return doc;
  }

  collections(): CollectionSpec[] {
    const messages = Array.from({ length: 1500 }, (_, i) =>
      this.doc({
        conversation: this.equalityValue(),
        appointment: this.equalityValue(),
        sender: this.equalityValue(),
        idempotencyKey: this.chance(0.85) ? `k${i}` : this.chance(0.5) ? undefined : [`k${i}`, 'alt'],
        body: this.pick(['hello', 'bonjour', 'x<y&z>']),
      }),
    );
    const conversations = Array.from({ length: 800 }, () =>
      this.doc({
        firstUser: this.equalityValue(),
        secondUser: this.equalityValue(),
        firstFolder: this.folderValue(),
        secondFolder: this.folderValue(),
        activity: this.sortedValue(),
      }),
    );
    const appointments = Array.from({ length: 600 }, () =>
      this.doc({ client: this.equalityValue(), garage: this.equalityValue() }),
    );
    return [
      {
        name: 'messages',
        indexes: [
          { key: { conversation: 1, _id: 1 } },
          { key: { appointment: 1, _id: 1 } },
          { key: { sender: 1, idempotencyKey: 1 }, unique: true },
        ],
        docs: messages,
      },
      {
        name: 'conversations',
        indexes: [
          { key: { firstUser: 1, firstFolder: 1, activity: -1 } },
          { key: { secondUser: 1, secondFolder: 1, activity: -1 } },
        ],
        docs: conversations,
      },
      {
        name: 'appointments',
        indexes: [{ key: { client: 1, _id: -1 } }, { key: { garage: 1, _id: -1 } }],
        docs: appointments,
      },
    ];
  }

  /** An operand for equality: usually a pool ObjectId, sometimes another type or a miss. */
  equalityOperand(): unknown {
    const roll = this.next();
    if (roll < 0.7) return this.pick(this.pool);
    if (roll < 0.8) return this.pick(this.pool).toHexString();
    if (roll < 0.88) return this.pick(STRINGS);
    if (roll < 0.94) return this.objectId();
    return this.pick([5, null]);
  }

  /** An operand for a folder equality: usually one of the API's folders, sometimes another string or an ObjectId. */
  folderOperand(): unknown {
    const roll = this.next();
    if (roll < 0.85) return this.pick(['inbox', 'archived']);
    if (roll < 0.93) return this.pick(STRINGS);
    return this.pick(this.pool);
  }

  /** A range bound: the ends of the ObjectId space, an existing value, or a random ObjectId. */
  bound(): ObjectId {
    const roll = this.next();
    if (roll < 0.2) return new ObjectId('ffffffffffffffffffffffff');
    if (roll < 0.3) return new ObjectId('000000000000000000000000');
    if (roll < 0.75) return this.pick(this.fresh);
    return this.objectId();
  }

  rangeOperator(): '$lt' | '$lte' | '$gt' | '$gte' {
    return this.pick(['$lt', '$lte', '$gt', '$gte'] as const);
  }

  limit(): number | undefined {
    return this.pick([1, 5, 20, 50, undefined]);
  }

  /** The API's shape: equalities, one ObjectId range on the sorted field, a sort on it and a limit. */
  pageQuery(
    collection: string,
    equalities: string[],
    sorted: string,
    operand: (field: string) => unknown = () => this.equalityOperand(),
  ): Query {
    const operator = this.rangeOperator();
    const filter: Document = {};
    for (const field of equalities) filter[field] = operand(field);
    filter[sorted] = { [operator]: this.bound() };
    const direction = operator.startsWith('$lt') === this.chance(0.85) ? -1 : 1;
    return { collection, filter, sort: { [sorted]: direction }, limit: this.limit() };
  }

  /** The conversation list's shape: a user, that user's folder, a range on activity. */
  folderPageQuery(): Query {
    const side = this.pick(['first', 'second']);
    return this.pageQuery('conversations', [`${side}User`, `${side}Folder`], 'activity', (field) =>
      field.endsWith('Folder') ? this.folderOperand() : this.equalityOperand(),
    );
  }

  /** Close to the API's shape, but with something SQL must not (or cannot exactly) push down. */
  nearMiss(collection: string, equality: string, sorted: string): Query {
    const page = this.pageQuery(collection, [equality], sorted);
    const filter = page.filter;
    const variant = this.int(12);
    switch (variant) {
      case 0:
        filter[sorted] = { [this.rangeOperator()]: this.bound().toHexString() };
        break;
      case 1:
        filter[sorted] = { [this.rangeOperator()]: this.int(1000) };
        break;
      case 2:
        filter[equality] = { $in: [this.pick(this.pool), this.pick(this.pool).toHexString()] };
        break;
      case 3:
        delete filter[equality];
        filter['nested.a'] = this.pick(this.pool);
        break;
      case 4:
        filter[sorted] = { $gt: this.bound(), $lt: this.bound() };
        break;
      case 5:
        filter[equality] = { $ne: this.pick(this.pool) };
        break;
      case 6:
        delete filter[equality];
        filter['body'] = this.pick(['hello', 'x<y&z>']);
        break;
      case 7:
        return { ...page, sort: { seq: this.pick([1, -1]) } };
      case 8:
        return { ...page, sort: { [sorted]: -1, seq: 1 } };
      case 9:
        // Without a sort, which documents a limit keeps is the index's choice: no limit either.
        return { ...page, sort: undefined, limit: undefined };
      case 10:
        return { ...page, skip: 3 };
      default:
        filter[equality] = this.pick(this.pool);
        filter['$or'] = [{ seq: { $lt: 500 } }, { body: 'hello' }];
    }
    return page;
  }

  queries(): Query[] {
    const queries: Query[] = [];
    for (let i = 0; i < 50; i++) {
      queries.push(this.pageQuery('messages', [this.pick(['conversation', 'appointment'])], '_id'));
      queries.push(this.folderPageQuery());
      queries.push(this.pageQuery('appointments', [this.pick(['client', 'garage'])], '_id'));
      queries.push(this.pageQuery('messages', ['conversation', 'sender'], '_id'));
    }
    for (let i = 0; i < 25; i++) {
      queries.push(this.nearMiss('messages', 'conversation', '_id'));
      queries.push(this.nearMiss('conversations', 'firstUser', 'activity'));
      queries.push(this.nearMiss('appointments', 'garage', '_id'));
      queries.push({
        collection: 'messages',
        filter: { sender: this.equalityOperand(), idempotencyKey: this.pick([`k${this.int(1500)}`, 'alt']) },
      });
      queries.push({ collection: 'messages', filter: { _id: this.pick([this.pick(this.fresh), this.objectId()]) } });
      queries.push({
        collection: this.pick(['messages', 'conversations']),
        filter: { _id: { $in: this.idOperands() } },
      });
      queries.push({ collection: 'messages', filter: { _id: { $in: this.idOperands() }, seq: { $lt: 1000 } } });
    }
    return queries;
  }
}
