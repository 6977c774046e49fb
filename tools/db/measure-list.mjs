// `node tools/db/measure-list.mjs [rounds]`: what a conversation list page costs on the patched
// FerretDB, through the driver, by the garage's size and its documents' size. Four garages, each
// conversation shaped as the bench's team step seeds it (two in three assigned round the team,
// each read by every member: one `readers.<id>` entry per member): one member and 30
// conversations, ten members and 10,000, ten members and 30, one member and 10,000. One round
// times the page of each in turn (11 documents, as the API asks for a page of 10), the ten
// members' with the API's projection too; medians of the rounds (150 by default). Prints a
// Markdown table; tools/bench/BASELINE.md quotes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { startFerretdb } from './ferretdb.mjs';
import { freePort } from '../scripts/free-port.cjs';

const ROUNDS = Number(process.argv[2] ?? 150);
const LIMIT = 11;
const NEWEST = new ObjectId('ffffffffffffffffffffffff');
const GARAGES = [
  { name: '1 member, 30 conversations', members: 1, conversations: 30 },
  { name: '10 members, 10,000 conversations', members: 10, conversations: 10_000 },
  { name: '10 members, 30 conversations', members: 10, conversations: 30 },
  { name: '1 member, 10,000 conversations', members: 1, conversations: 10_000 },
];

/** A garage's conversations, as the bench's team step seeds them (tools/bench/src/fixtures.mts). */
function garageOf({ members, conversations }) {
  const garage = new ObjectId();
  const team = Array.from({ length: members }, () => new ObjectId());
  const docs = Array.from({ length: conversations }, (_, i) => {
    // Clients' ids above the garage's: the garage is the first side, as in the bench.
    const client = new ObjectId(`f${new ObjectId().toHexString().slice(1)}`);
    const last = new ObjectId();
    const at = new Date();
    const assignee = i % 3 === 0 ? null : team[Math.floor(i / 3) % members];
    return {
      _id: new ObjectId(),
      firstUser: garage,
      secondUser: client,
      firstFolder: 'inbox',
      secondFolder: 'inbox',
      activity: last,
      members: {
        [garage.toHexString()]: {
          name: 'Garage',
          role: 'garagiste',
          garageName: 'Garage',
          receivedCount: 1,
          readCount: 0,
        },
        [client.toHexString()]: {
          name: 'Client',
          role: 'client',
          receivedCount: 0,
          readCount: 0,
          lastReadMessageId: last,
          lastReadAt: at,
        },
      },
      readers: Object.fromEntries(
        team.map((member) => [member.toHexString(), { readCount: 1, lastReadMessageId: last, lastReadAt: at }]),
      ),
      ...(assignee ? { assignee, assigneeName: 'Membre' } : {}),
      assignment: assignee ? assignee.toHexString() : 'none',
      recorded: { seq: 1, id: last },
      lastMessage: {
        id: last,
        senderId: client,
        content: `Bonjour, pouvez-vous regarder mes freins ? (${i + 1})`,
        createdAt: at,
      },
      createdAt: at,
      updatedAt: at,
      __v: 0,
    };
  });
  return { garage, reader: team[0].toHexString(), docs };
}

/** The fields the API's list reads (conversations.service.ts, listedFields). */
const listed = (reader) => ({
  firstUser: 1,
  secondUser: 1,
  firstFolder: 1,
  secondFolder: 1,
  activity: 1,
  members: 1,
  assignee: 1,
  assigneeName: 1,
  lastMessage: 1,
  clientLastMessage: 1,
  updatedAt: 1,
  [`readers.${reader}`]: 1,
});

const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];

const dataDir = mkdtempSync(join(tmpdir(), 'ferretdb-measure-list-'));
const db = await startFerretdb({ port: await freePort(), dataDir, fresh: true, variant: 'patched' });
const client = await MongoClient.connect(db.uri);
try {
  const conversations = client.db('measure').collection('conversations');
  await conversations.createIndex({ firstUser: 1, firstFolder: 1, activity: -1 });
  await conversations.createIndex({ firstUser: 1, firstFolder: 1, assignment: 1, activity: -1 });
  const garages = GARAGES.map((garage) => ({ ...garage, ...garageOf(garage) }));
  for (const { docs } of garages) {
    for (let i = 0; i < docs.length; i += 1000) await conversations.insertMany(docs.slice(i, i + 1000));
  }
  const cases = [
    ...garages.map((garage) => ({ name: garage.name, garage, projected: false })),
    { name: `${garages[1].name}, the list's projection`, garage: garages[1], projected: true },
  ];
  console.log(`\nMedian of ${ROUNDS} rounds, each case once per round, ${LIMIT} documents per page:\n`);
  console.log('| garage | inbox page | « Non assignées » page |');
  console.log('| --- | --- | --- |');
  const rows = cases.map((entry) => ({ ...entry, times: { all: [], none: [] } }));
  for (const filter of ['all', 'none']) {
    const page = ({ garage, projected }) => {
      const query = conversations
        .find({
          firstUser: garage.garage,
          firstFolder: 'inbox',
          ...(filter === 'none' ? { assignment: 'none' } : {}),
          activity: { $lt: NEWEST },
        })
        .sort({ activity: -1 })
        .limit(LIMIT);
      return (projected ? query.project(listed(garage.reader)) : query).toArray();
    };
    for (const row of rows) await page(row);
    for (let round = 0; round < ROUNDS; round++) {
      for (const row of rows) {
        const started = process.hrtime.bigint();
        await page(row);
        row.times[filter].push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  }
  for (const { name, times } of rows) {
    console.log(`| ${name} | ${median(times.all).toFixed(2)} ms | ${median(times.none).toFixed(2)} ms |`);
  }
} finally {
  await client.close();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
