// `--db-commands`: the database commands the API sent during the delivery step, by kind
// (db-command-probe.cjs), and FerretDB's CPU attributed to each kind by replaying a sample of that
// kind alone against the same database right after the step, CPU read from /proc. The replayed
// writes are undone after each kind is measured, so that later steps find the data as it was.
import { BSON, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { cpuSeconds } from './procstat.mjs';
import { fmt, type Report } from './report.mjs';
import { sleep } from './stats.mjs';
import type { DbCommandKind } from './system.mjs';

/** Commands replayed per kind at most (cycling through its sample), the message inserts excepted: all of their sample. */
const REPLAYS_PER_KIND = 600;
/** Seconds FerretDB is watched idle before the replays: its background CPU is taken off each replay's. */
const IDLE_SECONDS = 3;
const { EJSON } = BSON;
/** What the driver adds to a command on its way, which a replay must not carry. */
const SESSION_FIELDS = [
  'lsid',
  '$clusterTime',
  '$db',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$readPreference',
];
/** Documents read or written at once when the replayed writes are undone. */
const UNDO_CHUNK = 500;
const MESSAGE_INSERTS = 'insert messages';

export interface DbCommandsContext {
  uri: string;
  dbName: string;
  dbPid: number;
  report: Report;
}

interface Attributed {
  kind: string;
  commands: number;
  statements: number;
  /** Commands replayed, and FerretDB's CPU per replayed command (µs); null when the kind was not replayed. */
  replayed: number;
  cpuMicrosPerCommand: number | null;
  /** Documents the replayed commands carried (the message inserts' floor is per document). */
  replayedStatements: number;
  note: string;
}

type Replay = { commands: Document[]; statements: number; undo: () => Promise<void> } | { skipped: string };

/**
 * Reports the step's commands per message and FerretDB's CPU attributed to each kind, the floor
 * (the message inserts alone, in the batches the step wrote them) and what is left unattributed.
 * `step`: its sends per second, and FerretDB's CPU per message measured in it.
 */
export async function dbCommandsStep(
  context: DbCommandsContext,
  kinds: DbCommandKind[],
  step: { rate: number; dbCpuMsPerMessage: number | null },
): Promise<void> {
  const { report } = context;
  const messages = kinds.find((entry) => entry.kind === MESSAGE_INSERTS)?.statements ?? 0;
  if (messages === 0) {
    report.add({
      step: 'db-commands',
      name: 'database commands',
      value: 'n/a',
      detail: 'no message stored in the step',
    });
    return;
  }
  const client = await MongoClient.connect(context.uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const db = client.db(context.dbName);
    const backgroundPerSecond = await idleCpu(context.dbPid);
    const attributed: Attributed[] = [];
    for (const entry of [...kinds].sort((first, second) => second.commands - first.commands)) {
      attributed.push(await attribute(db, context.dbPid, backgroundPerSecond, entry));
    }
    reportAttribution(report, attributed, messages, step, backgroundPerSecond);
  } finally {
    await client.close();
  }
}

/** FerretDB's CPU seconds per second with the API idle: its own timers and the API's periodic tasks. */
async function idleCpu(pid: number): Promise<number> {
  const before = cpuSeconds(pid);
  const started = performance.now();
  await sleep(IDLE_SECONDS * 1000);
  return (cpuSeconds(pid) - before) / ((performance.now() - started) / 1000);
}

async function attribute(db: Db, pid: number, backgroundPerSecond: number, entry: DbCommandKind): Promise<Attributed> {
  const base = { kind: entry.kind, commands: entry.commands, statements: entry.statements };
  const replay = await replayOf(db, entry);
  if ('skipped' in replay) {
    return { ...base, replayed: 0, replayedStatements: 0, cpuMicrosPerCommand: null, note: replay.skipped };
  }
  try {
    let refused = 0;
    const before = cpuSeconds(pid);
    const started = performance.now();
    for (const command of replay.commands) {
      const answer = await db.command(command);
      if ((answer.writeErrors as unknown[] | undefined)?.length) refused += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = Math.max(0, cpuSeconds(pid) - before - backgroundPerSecond * seconds);
    return {
      ...base,
      replayed: replay.commands.length,
      replayedStatements: replay.statements,
      cpuMicrosPerCommand: (cpu * 1e6) / replay.commands.length,
      note: refused > 0 ? `${refused} replays refused a write (a figure too low)` : '',
    };
  } catch (error) {
    return {
      ...base,
      replayed: 0,
      replayedStatements: 0,
      cpuMicrosPerCommand: null,
      note: `replay failed: ${(error as Error).message}`,
    };
  } finally {
    await replay.undo();
  }
}

/** The commands to replay for this kind, made replayable, and how to undo what they write. */
async function replayOf(db: Db, entry: DbCommandKind): Promise<Replay> {
  const samples = entry.samples.map((text) => withoutSession(EJSON.parse(text, { relaxed: false }) as Document));
  if (samples.length === 0) return { skipped: 'no sample' };
  const [name] = Object.keys(samples[0]);
  const cycle = (count: number) =>
    Array.from({ length: count }, (_, index) => structuredCopy(samples[index % samples.length]));
  const nothing = async () => undefined;
  switch (name) {
    case 'find':
      // One batch: a replay leaves no cursor open.
      return {
        commands: cycle(REPLAYS_PER_KIND).map((command) => ({ ...command, singleBatch: true })),
        statements: 0,
        undo: nothing,
      };
    case 'count':
    case 'aggregate':
      return { commands: cycle(REPLAYS_PER_KIND), statements: 0, undo: nothing };
    case 'insert':
      return insertReplay(db, entry.kind === MESSAGE_INSERTS ? samples : cycle(REPLAYS_PER_KIND));
    case 'update':
    case 'findAndModify':
      return updateReplay(db, name, cycle(REPLAYS_PER_KIND));
    default:
      return { skipped: `${name} is not replayed` };
  }
}

/** The same documents under fresh ids (and fresh values in the collection's other unique keys), removed afterwards. */
async function insertReplay(db: Db, commands: Document[]): Promise<Replay> {
  const collection = db.collection(String(commands[0].insert));
  const uniqueFields = (await collection.indexes())
    .filter((index) => index.unique && index.name !== '_id_')
    .flatMap((index) => Object.keys(index.key));
  const inserted: ObjectId[] = [];
  let statements = 0;
  for (const command of commands) {
    for (const document of command.documents as Document[]) {
      document._id = new ObjectId();
      inserted.push(document._id);
      for (const field of uniqueFields) {
        if (typeof document[field] === 'string')
          document[field] = `${document[field]}:replay:${document._id.toHexString()}`;
      }
      statements += 1;
    }
  }
  const undo = async () => {
    for (let at = 0; at < inserted.length; at += UNDO_CHUNK) {
      await collection.deleteMany({ _id: { $in: inserted.slice(at, at + UNDO_CHUNK) } });
    }
  };
  return { commands, statements, undo };
}

/**
 * Each statement's filter cut to its `_id` (a summary's update is conditional on a watermark the
 * step has moved since: replayed as recorded it would match nothing, which costs less than the
 * write it stands for); the documents they touch read first and put back afterwards.
 */
async function updateReplay(db: Db, name: 'update' | 'findAndModify', commands: Document[]): Promise<Replay> {
  const collection = db.collection(String(commands[0][name]));
  const ids = new Map<string, ObjectId>();
  const byId = (filter: Document | undefined): Document | null => {
    const id = filter?._id;
    if (id === undefined || (isPlainObject(id) && Object.keys(id).some((key) => key.startsWith('$')))) return null;
    ids.set(EJSON.stringify(id), id as ObjectId);
    return { _id: id };
  };
  let statements = 0;
  for (const command of commands) {
    if (name === 'findAndModify') {
      const filter = byId(command.query as Document | undefined);
      if (!filter) return { skipped: 'a filter without `_id`' };
      command.query = filter;
      statements += 1;
      continue;
    }
    for (const statement of command.updates as Document[]) {
      const filter = byId(statement.q as Document | undefined);
      if (!filter || statement.multi) return { skipped: 'a filter without `_id`, or a multi-document update' };
      statement.q = filter;
      statements += 1;
    }
  }
  const touched = [...ids.values()];
  const before: Document[] = [];
  for (let at = 0; at < touched.length; at += UNDO_CHUNK) {
    before.push(...(await collection.find({ _id: { $in: touched.slice(at, at + UNDO_CHUNK) } }).toArray()));
  }
  const undo = async () => {
    const kept = new Set(before.map((document) => EJSON.stringify(document._id)));
    const created = touched.filter((id) => !kept.has(EJSON.stringify(id)));
    for (let at = 0; at < before.length; at += UNDO_CHUNK) {
      await collection.bulkWrite(
        before
          .slice(at, at + UNDO_CHUNK)
          .map((document) => ({ replaceOne: { filter: { _id: document._id }, replacement: document } })),
        { ordered: false },
      );
    }
    if (created.length > 0) await collection.deleteMany({ _id: { $in: created } });
  };
  return { commands, statements, undo };
}

function withoutSession(command: Document): Document {
  const copy = { ...command };
  for (const field of SESSION_FIELDS) delete copy[field];
  return copy;
}

/** A deep copy that keeps BSON values (ObjectIds, dates) what they are. */
function structuredCopy(command: Document): Document {
  return EJSON.parse(EJSON.stringify(command, { relaxed: false }), { relaxed: false }) as Document;
}

function isPlainObject(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !(value instanceof ObjectId) && !(value instanceof Date);
}

function reportAttribution(
  report: Report,
  attributed: Attributed[],
  messages: number,
  { rate, dbCpuMsPerMessage }: { rate: number; dbCpuMsPerMessage: number | null },
  backgroundPerSecond: number,
): void {
  report.record('db-commands', { messages, backgroundCpuPerSecond: backgroundPerSecond, kinds: attributed });
  let attributedMs = 0;
  for (const entry of attributed) {
    const perMessage = entry.commands / messages;
    const msPerMessage = entry.cpuMicrosPerCommand === null ? null : (entry.cpuMicrosPerCommand * perMessage) / 1000;
    attributedMs += msPerMessage ?? 0;
    report.add({
      step: 'db-commands',
      name: entry.kind,
      value: msPerMessage === null ? 'not replayed' : `${fmt.ms(msPerMessage)} per message`,
      detail:
        `${fmt.count(entry.commands)} commands (${perMessage.toFixed(3)} per message), ${fmt.count(entry.statements)} statements` +
        (entry.cpuMicrosPerCommand === null
          ? `; ${entry.note}`
          : `; FerretDB ${entry.cpuMicrosPerCommand.toFixed(0)} µs per command, ${entry.replayed} replayed alone` +
            (entry.note ? `; ${entry.note}` : '')),
    });
  }
  const floor = attributed.find((entry) => entry.kind === MESSAGE_INSERTS);
  if (floor?.cpuMicrosPerCommand != null && floor.replayedStatements > 0) {
    const floorMs = (floor.cpuMicrosPerCommand * floor.replayed) / floor.replayedStatements / 1000;
    report.add({
      step: 'db-commands',
      name: 'floor: the message inserts alone',
      value: `${fmt.ms(floorMs)} per message`,
      detail: `FerretDB's CPU for ${fmt.count(floor.replayedStatements)} messages in ${fmt.count(floor.replayed)} inserts, the step's own batches, on its messages collection and indexes`,
    });
  }
  report.add({
    step: 'db-commands',
    name: 'FerretDB CPU per message, attributed / measured',
    value: dbCpuMsPerMessage === null ? fmt.ms(attributedMs) : `${fmt.ms(attributedMs)} / ${fmt.ms(dbCpuMsPerMessage)}`,
    detail:
      `${fmt.count(messages)} messages; FerretDB idle uses ${(backgroundPerSecond * 1000).toFixed(0)} ms of CPU a second ` +
      `(${fmt.ms((backgroundPerSecond * 1000) / rate)} per message at ${fmt.rate(rate)}), taken off each replay`,
  });
}
