import { MongoClient } from 'mongodb';
import { Server, startServer } from './servers';

// Several clients (as several API processes would) update one document at the same time.
// MongoDB applies each update to a document atomically; FerretDB 1.24 reads, changes in
// memory and writes back, so concurrent updates overwrite each other unless patch 0004 is applied.
const CLIENTS = 6;
const UPDATES = 300;

interface Counter {
  _id: string;
  count: number;
  highest: number;
}

async function hammer(server: Server): Promise<{ counter: Counter | null; upserted: Counter | null; failures: number }> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () => MongoClient.connect(server.uri)),
  );
  try {
    const counters = (i: number) => clients[i % CLIENTS].db('atomic').collection<Counter>('counters');
    await counters(0).insertOne({ _id: 'counter', count: 0, highest: -1 });
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: UPDATES }, (_, i) =>
        counters(i).updateOne({ _id: 'counter' }, { $inc: { count: 1 }, $max: { highest: i } }),
      ),
      ...Array.from({ length: UPDATES }, (_, i) =>
        counters(i).findOneAndUpdate({ _id: 'upserted' }, { $inc: { count: 1 }, $max: { highest: i } }, { upsert: true }),
      ),
    ]);
    return {
      counter: await counters(0).findOne({ _id: 'counter' }),
      upserted: await counters(0).findOne({ _id: 'upserted' }),
      failures: outcomes.filter((outcome) => outcome.status === 'rejected').length,
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

describe('concurrent $inc and $max on one document', () => {
  let patched: Server;
  let reference: Server;

  beforeAll(async () => {
    [patched, reference] = await Promise.all([startServer('patched'), startServer('reference')]);
  });

  afterAll(() => Promise.all([patched?.stop(), reference?.stop()]));

  it('end with the exact totals on the patched build', async () => {
    const { counter, upserted, failures } = await hammer(patched);
    expect(failures).toBe(0);
    expect(counter).toEqual({ _id: 'counter', count: UPDATES, highest: UPDATES - 1 });
    expect(upserted).toEqual({ _id: 'upserted', count: UPDATES, highest: UPDATES - 1 });
  });

  it('lose updates on the reference build, which is what the patch fixes', async () => {
    const { counter, upserted } = await hammer(reference);
    expect((counter?.count ?? 0) + (upserted?.count ?? 0)).toBeLessThan(2 * UPDATES);
  });
});
