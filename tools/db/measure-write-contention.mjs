// What a lone insert waits for while other collections' multi-statement updates run on the same
// embedded database (issue 21, tools/bench/BASELINE.md "fifth round"): one insert every few
// milliseconds, timed, alone, then beside a loop of `bulkWrite`s of updates like the send path's
// listeners' (summaries, badges), then beside the same updates sent with `writeConcern: { j: false }`.
// SQLite has one writer per database file, and with `synchronous = FULL` each commit holds it
// through an fsync: the insert waits for the updates' fsyncs as well as its own. Patch 0007
// commits a `j: false` update without one.
//
//   node tools/db/measure-write-contention.mjs [seconds per phase] [statements per update]
//
// Against MONGODB_URI (a FerretDB of `ferretdb.mjs start`); writes in a database of its own,
// dropped at the end.
import { MongoClient, ObjectId } from 'mongodb';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27027/';
const seconds = Number(process.argv[2] ?? 10);
const statements = Number(process.argv[3] ?? 50);
const INSERT_EVERY_MS = 5;
const DOCUMENTS = 500;
const UPDATE_PAUSE_MS = 5;

const client = await MongoClient.connect(uri, { maxPoolSize: 20 });
const db = client.db(`contention-${process.pid}`);
const messages = db.collection('messages');
const conversations = db.collection('conversations');
const ids = Array.from({ length: DOCUMENTS }, () => new ObjectId());
await conversations.insertMany(ids.map((_id) => ({ _id, count: 0, preview: '' })));
await messages.insertOne({ warm: true });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function insertLoop(until) {
  const took = [];
  let n = 0;
  while (Date.now() < until) {
    const start = performance.now();
    await messages.insertMany([{ conversation: ids[n % DOCUMENTS], content: 'x'.repeat(120), at: new Date() }]);
    took.push(performance.now() - start);
    n += 1;
    await sleep(INSERT_EVERY_MS);
  }
  return took;
}

async function updateLoop(until, writeConcern) {
  const took = [];
  let round = 0;
  while (Date.now() < until) {
    const start = performance.now();
    await conversations.bulkWrite(
      Array.from({ length: statements }, (_, i) => ({
        updateOne: {
          filter: { _id: ids[(round * statements + i) % DOCUMENTS] },
          update: { $inc: { count: 1 }, $set: { preview: `message ${round}` } },
        },
      })),
      { ordered: false, ...(writeConcern ? { writeConcern } : {}) },
    );
    took.push(performance.now() - start);
    round += 1;
    await sleep(UPDATE_PAUSE_MS);
  }
  return took;
}

function line(name, took) {
  const sorted = [...took].sort((a, b) => a - b);
  const over = (ms) => sorted.filter((t) => t >= ms).length;
  return `${name.padEnd(34)} n=${String(sorted.length).padStart(5)}  p50 ${percentile(sorted, 0.5).toFixed(1)}  p90 ${percentile(sorted, 0.9).toFixed(1)}  p99 ${percentile(sorted, 0.99).toFixed(1)}  max ${sorted.at(-1).toFixed(1)} ms  (≥ 5 ms: ${over(5)}, ≥ 20 ms: ${over(20)}, ≥ 50 ms: ${over(50)})`;
}

try {
  const alone = await insertLoop(Date.now() + seconds * 1000);
  let until = Date.now() + seconds * 1000;
  const [beside, updates] = await Promise.all([insertLoop(until), updateLoop(until)]);
  until = Date.now() + seconds * 1000;
  const [besideUnsynced, unsynced] = await Promise.all([insertLoop(until), updateLoop(until, { j: false })]);
  console.log(
    `${uri}, ${seconds} s per phase, one insert every ${INSERT_EVERY_MS} ms, updates of ${statements} statements`,
  );
  console.log(line('insert, alone', alone));
  console.log(line('insert, beside the updates', beside));
  console.log(line(`update (${statements} statements)`, updates));
  console.log(line('insert, beside the j: false updates', besideUnsynced));
  console.log(line(`update, j: false`, unsynced));
} finally {
  await db.dropDatabase();
  await client.close();
}
