import { rmSync } from 'node:fs';
import type { AnyBulkWriteOperation } from 'mongodb';
import { startServer } from './servers';

// Patch 0007 commits an update sent with `writeConcern: {j: false}` without an fsync, on a
// connection set to `synchronous = NORMAL` for that transaction and set back after it. Such an
// update must still be applied like any other, answered once written, and kept when FerretDB's
// process dies (a crash of the process, not of the machine); the updates after it, on the same
// connections, must be applied as before.

interface Counter {
  _id: number;
  count: number;
}

const DOCUMENTS = 20;
const ROUNDS = 30;

const raiseAll = (): AnyBulkWriteOperation<Counter>[] =>
  Array.from({ length: DOCUMENTS }, (_, i) => ({ updateOne: { filter: { _id: i }, update: { $inc: { count: 1 } } } }));

describe('updates sent with j: false (patch 0007)', () => {
  it('are applied, answered and kept when the process is killed, and journaled ones after them too', async () => {
    const server = await startServer('patched');
    let dataDir: string | undefined;
    try {
      const counters = server.client.db('unjournaled').collection<Counter>('counters');
      await counters.insertMany(Array.from({ length: DOCUMENTS }, (_, i) => ({ _id: i, count: 0 })));
      const answers = await Promise.all(
        Array.from({ length: ROUNDS }, (_, round) =>
          counters.bulkWrite(raiseAll(), {
            ordered: false,
            ...(round % 3 === 0 ? {} : { writeConcern: { j: false } }),
          }),
        ),
      );
      expect(answers.map((answer) => answer.modifiedCount)).toEqual(Array(ROUNDS).fill(DOCUMENTS));
      const written = await counters.find().sort({ _id: 1 }).toArray();
      expect(written.map((counter) => counter.count)).toEqual(Array(DOCUMENTS).fill(ROUNDS));

      // The last command is unjournaled: nothing synced after it before the kill.
      await counters.bulkWrite(raiseAll(), { ordered: false, writeConcern: { j: false } });
      dataDir = await server.kill();
    } catch (error) {
      await server.stop();
      throw error;
    }

    const restarted = await startServer('patched', dataDir);
    try {
      const kept = await restarted.client.db('unjournaled').collection<Counter>('counters').find().toArray();
      expect(kept.map((counter) => counter.count)).toEqual(Array(DOCUMENTS).fill(ROUNDS + 1));
    } finally {
      await restarted.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
