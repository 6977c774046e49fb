// Preloaded into the API process by `npm run bench -- --db-commands` (beside memory-probe.cjs):
// counts the database commands the API sends, through the driver's own command monitoring, by
// kind (command, collection, the filter's fields), and keeps a uniform sample of each kind's
// command documents for the bench to replay. The API's code is not changed: the API and this
// file load the same `mongodb` package from the root node_modules.
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { MongoClient, BSON } = require('mongodb');

/**
 * With BENCH_DB_TIMELINE set to a file: every command's start (ms, this process's clock), duration
 * (ms), kind and statements, written there when the bench asks for the counts, so that a probe's
 * commands can be laid side by side (which insert waited while which update ran).
 */
const TIMELINE_FILE = process.env.BENCH_DB_TIMELINE;
let timeline = [];
/** requestId -> when the command started, with BENCH_DB_TIMELINE. */
const startedAt = new Map();

/** Command documents kept per kind (a uniform sample of them: reservoir sampling). */
const SAMPLES_PER_KIND = 2_000;
/** The driver's own conversation with the server, not the API's work. */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo', 'saslStart']);

/** kind -> { commands, statements, durationMs, seen, samples } */
let kinds = new Map();
/** requestId -> kind, until the command's answer gives its duration. */
const inFlight = new Map();

/** The filter's fields, sorted, each with the operator it is matched by when not an equality (`_id:$in`). */
const fieldsOf = (filter) =>
  filter && typeof filter === 'object' && !Array.isArray(filter)
    ? Object.keys(filter)
        .sort()
        .map((field) => {
          const value = filter[field];
          const operators =
            value && typeof value === 'object' && !Array.isArray(value)
              ? Object.keys(value).filter((key) => key.startsWith('$'))
              : [];
          return operators.length > 0 ? `${field}:${operators.sort().join(':')}` : field;
        })
        .join(',')
    : '';

/** What the command is: its name, its collection and the shape of its filter; and how many statements it carries. */
function describe(command, name) {
  const target = command[name];
  const collection = typeof target === 'string' ? target : (command.collection ?? '');
  switch (name) {
    case 'insert':
      return { kind: `insert ${collection}`, statements: command.documents?.length ?? 0 };
    case 'update':
      return {
        kind: `update ${collection} (${fieldsOf(command.updates?.[0]?.q)})`,
        statements: command.updates?.length ?? 0,
      };
    case 'delete':
      return {
        kind: `delete ${collection} (${fieldsOf(command.deletes?.[0]?.q)})`,
        statements: command.deletes?.length ?? 0,
      };
    case 'findAndModify':
      return { kind: `findAndModify ${collection} (${fieldsOf(command.query)})`, statements: 1 };
    case 'find':
    case 'count':
      return { kind: `${name} ${collection} (${fieldsOf(command.filter ?? command.query)})`, statements: 1 };
    case 'aggregate':
      return { kind: `aggregate ${collection} (${fieldsOf(command.pipeline?.[0]?.$match)})`, statements: 1 };
    default:
      return { kind: `${name} ${collection}`.trim(), statements: 1 };
  }
}

function started(event) {
  if (HOUSEKEEPING.has(event.commandName)) return;
  const { kind, statements } = describe(event.command, event.commandName);
  let entry = kinds.get(kind);
  if (!entry) {
    entry = { commands: 0, statements: 0, durationMs: 0, seen: 0, samples: [] };
    kinds.set(kind, entry);
  }
  entry.commands += 1;
  entry.statements += statements;
  entry.seen += 1;
  const slot = entry.samples.length < SAMPLES_PER_KIND ? entry.samples.length : Math.floor(Math.random() * entry.seen);
  if (slot < SAMPLES_PER_KIND) entry.samples[slot] = BSON.EJSON.stringify(event.command, { relaxed: false });
  inFlight.set(event.requestId, entry);
  if (TIMELINE_FILE) startedAt.set(event.requestId, { at: performance.now(), kind, statements });
}

function answered(event) {
  const entry = inFlight.get(event.requestId);
  inFlight.delete(event.requestId);
  if (entry) entry.durationMs += event.duration;
  const start = startedAt.get(event.requestId);
  if (start) {
    startedAt.delete(event.requestId);
    timeline.push([Math.round(start.at * 1000) / 1000, event.duration, start.kind, start.statements]);
  }
}

const connect = MongoClient.prototype.connect;
MongoClient.prototype.connect = function (...args) {
  if (!this.monitoredByBench) {
    this.monitoredByBench = true;
    // Read by the connection pool when it is created, which connect() does.
    this.monitorCommands = true;
    this.on('commandStarted', started);
    this.on('commandSucceeded', answered);
    this.on('commandFailed', answered);
  }
  return connect.apply(this, args);
};

process.on('message', (request) => {
  if (request === 'db-commands-reset') {
    kinds = new Map();
    inFlight.clear();
    timeline = [];
    process.send?.({ type: 'db-commands-reset' });
  } else if (request === 'db-commands') {
    if (TIMELINE_FILE) writeFileSync(TIMELINE_FILE, JSON.stringify(timeline));
    process.send?.({
      type: 'db-commands',
      kinds: [...kinds].map(([kind, { commands, statements, durationMs, samples }]) => ({
        kind,
        commands,
        statements,
        durationMs,
        samples,
      })),
    });
  }
});
process.channel?.unref();
