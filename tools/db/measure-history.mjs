// `node tools/db/measure-history.mjs [messages]`: the plan and the time of one history page
// (newest 30 messages of a conversation) on the patched and the reference FerretDB, in one
// collection of 100,000 messages (by default) spread over 1,000 conversations, one of which
// holds a tenth of them. Prints a Markdown table; tools/db/README.md quotes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { startFerretdb } from './ferretdb.mjs';
import { freePort } from '../scripts/free-port.cjs';

const total = Number(process.argv[2] ?? 100_000);
const PAGE = 30;
const RUNS = 15;
const NEWEST = new ObjectId('ffffffffffffffffffffffff');

function corpus() {
  const conversations = Array.from({ length: 1000 }, () => new ObjectId());
  const docs = Array.from({ length: total }, (_, i) => ({
    _id: new ObjectId(),
    conversation: i % 10 === 0 ? conversations[0] : conversations[1 + (i % 999)],
    sender: conversations[i % 7],
    idempotencyKey: `key-${i}`,
    body: `message ${i} `.repeat(4),
  }));
  return { docs, big: conversations[0], small: conversations[1] };
}

async function measure(variant, { docs, big, small }) {
  const dataDir = mkdtempSync(join(tmpdir(), `ferretdb-measure-${variant}-`));
  const db = await startFerretdb({ port: await freePort(), dataDir, fresh: true, variant });
  const client = await MongoClient.connect(db.uri);
  try {
    const messages = client.db('measure').collection('messages');
    await messages.createIndex({ conversation: 1, _id: 1 });
    for (let i = 0; i < docs.length; i += 5000) await messages.insertMany(docs.slice(i, i + 5000));
    const page = (conversation) =>
      messages
        .find({ conversation, _id: { $lt: NEWEST } })
        .sort({ _id: -1 })
        .limit(PAGE);
    const plan = (await page(big).explain()).queryPlanner.Plan.map((row) => row.replace(/^.*? detail=/, ''));
    const time = async (conversation) => {
      await page(conversation).toArray();
      const times = [];
      for (let run = 0; run < RUNS; run++) {
        const started = process.hrtime.bigint();
        await page(conversation).toArray();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    };
    return { variant, plan, small: await time(small), big: await time(big) };
  } finally {
    await client.close();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const data = corpus();
const results = [];
for (const variant of ['reference', 'patched']) results.push(await measure(variant, data));
console.log(`\n${total} messages; median of ${RUNS} runs of the newest page (${PAGE} messages):\n`);
console.log(
  `| build | EXPLAIN QUERY PLAN | conversation of ${Math.round((total * 0.9) / 999)} messages | conversation of ${total / 10} messages |`,
);
console.log('| --- | --- | --- | --- |');
for (const { variant, plan, small, big } of results) {
  console.log(`| ${variant} | ${plan.join('; ')} | ${small.toFixed(1)} ms | ${big.toFixed(1)} ms |`);
}
