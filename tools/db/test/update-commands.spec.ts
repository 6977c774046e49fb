import type { AnyBulkWriteOperation, Db, UpdateFilter } from 'mongodb';
import { Server, startServer } from './servers';

// Patch 0005 stages the documents an `update` command's statements change and writes them in one
// commit at its end. Each statement must still see what the earlier ones wrote: the same
// commands give the same answers and the same documents on the patched build and the reference.

interface Item {
  _id: number | string;
  group: string;
  count: number;
  tags?: string[];
}

/** `$inc` on an array: the server refuses it (the driver's types already do). */
const INCREMENT_AN_ARRAY = { $inc: { tags: 1 } } as unknown as UpdateFilter<Item>;

const SEED: Item[] = [
  { _id: 1, group: 'a', count: 0 },
  { _id: 2, group: 'a', count: 5 },
  { _id: 3, group: 'b', count: 10, tags: ['x'] },
  { _id: 'four', group: 'b', count: 1 },
];

/** Commands whose statements depend on the ones before them in the same command. */
const COMMANDS: { name: string; operations: AnyBulkWriteOperation<Item>[]; ordered: boolean }[] = [
  {
    name: 'one document changed twice',
    ordered: true,
    operations: [
      { updateOne: { filter: { _id: 1 }, update: { $inc: { count: 1 } } } },
      { updateOne: { filter: { _id: 1 }, update: { $inc: { count: 2 }, $set: { group: 'c' } } } },
    ],
  },
  {
    name: 'a filter only the staged version matches, and one only the stored version matched',
    ordered: true,
    operations: [
      { updateOne: { filter: { _id: 2 }, update: { $set: { group: 'moved' } } } },
      { updateMany: { filter: { group: 'moved' }, update: { $inc: { count: 100 } } } },
      { updateMany: { filter: { group: 'a' }, update: { $inc: { count: 1000 } } } },
    ],
  },
  {
    name: 'a range over a value an earlier statement raised',
    ordered: true,
    operations: [
      { updateOne: { filter: { _id: 'four' }, update: { $inc: { count: 50 } } } },
      { updateMany: { filter: { count: { $gte: 10 } }, update: { $push: { tags: 'big' } } } },
    ],
  },
  {
    name: 'an upsert between updates, then an update of what it inserted',
    ordered: true,
    operations: [
      { updateOne: { filter: { _id: 3 }, update: { $inc: { count: 1 } } } },
      { updateOne: { filter: { _id: 5 }, update: { $set: { group: 'new', count: 7 } }, upsert: true } },
      { updateOne: { filter: { group: 'new' }, update: { $inc: { count: 1 } } } },
      { updateOne: { filter: { _id: 3 }, update: { $inc: { count: 1 } } } },
    ],
  },
  {
    name: 'an unordered bulk of replacements and operators on the same documents',
    ordered: false,
    operations: [
      { replaceOne: { filter: { _id: 1 }, replacement: { group: 'replaced', count: -1 } } },
      { updateOne: { filter: { _id: 1 }, update: { $max: { count: 3 } } } },
      { updateMany: { filter: {}, update: { $inc: { count: 1 } } } },
    ],
  },
  {
    name: 'a statement that fails after others',
    ordered: true,
    operations: [
      { updateOne: { filter: { _id: 1 }, update: { $inc: { count: 1 } } } },
      { updateOne: { filter: { _id: 3 }, update: INCREMENT_AN_ARRAY } },
      { updateOne: { filter: { _id: 2 }, update: { $inc: { count: 1 } } } },
    ],
  },
];

async function outcome(db: Db, operations: AnyBulkWriteOperation<Item>[], ordered: boolean) {
  const items = db.collection<Item>('items');
  await items.deleteMany({});
  await items.insertMany(SEED);
  const answer = await items.bulkWrite(operations, { ordered }).then(
    (result) => ({ matched: result.matchedCount, modified: result.modifiedCount, upserted: result.upsertedCount }),
    (error: Error) => ({ failed: error.name }),
  );
  const documents = await items.find().sort({ _id: 1 }).toArray();
  return { answer, documents };
}

describe('update commands of several statements (patch 0005)', () => {
  let patched: Server;
  let reference: Server;

  beforeAll(async () => {
    [patched, reference] = await Promise.all([startServer('patched'), startServer('reference')]);
  });

  afterAll(() => Promise.all([patched?.stop(), reference?.stop()]));

  it.each(COMMANDS)('$name: the same answer and documents as the reference build', async ({ operations, ordered }) => {
    const expected = await outcome(reference.client.db('updates'), operations, ordered);
    const actual = await outcome(patched.client.db('updates'), operations, ordered);
    expect(actual).toEqual(expected);
  });

  it('applies a command of 1,000 statements (the reference waits for ever past about 100) while others read', async () => {
    const counters = patched.client.db('updates').collection<{ _id: number; count: number }>('many');
    const ids = Array.from({ length: 1_000 }, (_, i) => i);
    await counters.insertMany(ids.map((_id) => ({ _id, count: 0 })));
    const reads = Array.from({ length: 20 }, () => counters.countDocuments({ count: { $gte: 0 } }));
    const result = await counters.bulkWrite(
      [...ids, ...ids.slice(0, 10)].map((_id) => ({ updateOne: { filter: { _id }, update: { $inc: { count: 1 } } } })),
      { ordered: false },
    );
    expect(result.modifiedCount).toBe(1_010);
    expect(await Promise.all(reads)).toEqual(reads.map(() => 1_000));
    expect(await counters.countDocuments({ count: 2 })).toBe(10);
    expect(await counters.countDocuments({ count: 1 })).toBe(990);
  });
});
