// `npm run bench`: the API's production build on its own embedded database, driven by real
// Socket.IO clients and REST calls, then the bare relay; prints a table and writes JSON results.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevEnv, root } from '../../scripts/processes.mjs';
import { attachmentsStep } from './attachments.mjs';
import { writeBaselineSection } from './baseline.mjs';
import { Fixtures, type BenchUser } from './fixtures.mjs';
import { historyLargeStep, historyStep } from './history.mjs';
import { imageLoadStep } from './image-load.mjs';
import { lighthouseStep } from './lighthouse.mjs';
import { dbCommandsStep } from './db-commands.mjs';
import { connectSocketLinks } from './load.mjs';
import { parseOptions, USAGE, type Options, type Step } from './options.mjs';
import { profileStep, type ProfileSummary } from './profile.mjs';
import { machine, Report } from './report.mjs';
import {
  apiEndpoint,
  listStep,
  loadSteps,
  memoryStep,
  pairedUsers,
  readStep,
  relayUsers,
  reportComparison,
  reportLoad,
  type ApiContext,
  type LoadOutcome,
} from './steps.mjs';
import { stormStep } from './storm.mjs';
import {
  buildApi,
  removeRunFiles,
  startApi,
  startDatabase,
  startRelay,
  type Database,
  type DbCommandKind,
} from './system.mjs';
import { teamStep } from './team.mjs';
import { typingStep } from './typing.mjs';

const BENCH_DIR = join(root, 'tools/bench');
/** Sends per second of the profiled probe when this run found no ceiling to profile at. */
const PROFILE_FALLBACK_RATE = 100;

/** The commit the API was built from, and whether the working tree changed what it builds. */
function sourceVersion(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  return git(['status', '--porcelain', '--', 'apps/api', 'libs'])
    ? `${commit} with uncommitted changes in apps/api or libs`
    : commit;
}

/** Stops what the bench started, newest first, once, whatever ends the run. */
class Cleanup {
  private readonly stack: Array<{ name: string; stop: () => Promise<unknown> }> = [];

  push(name: string, stop: () => Promise<unknown>): void {
    this.stack.push({ name, stop });
  }

  async pop(name: string): Promise<void> {
    const index = this.stack.findIndex((entry) => entry.name === name);
    if (index >= 0) await this.stack.splice(index, 1)[0].stop();
  }

  async all(): Promise<void> {
    while (this.stack.length > 0) {
      const entry = this.stack.pop();
      await entry?.stop().catch((error: Error) => console.error(`[bench] stopping ${entry.name}: ${error.message}`));
    }
  }
}

/**
 * Each socket is a file descriptor on both ends. Node raises its soft open-file limit to the hard
 * one at start, so only the hard limit can be too low: then say so before opening anything.
 */
function checkFileLimit(options: Options): void {
  const needed = options.idleSockets + options.users + 1024;
  const match = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+|unlimited)/m);
  if (!match || match[1] === 'unlimited' || Number(match[1]) >= needed) return;
  throw new Error(
    `${needed} file descriptors are needed but \`ulimit -n\` allows ${match[1]}: raise it (ulimit -Hn) or lower --idle-sockets`,
  );
}

interface ApiRun {
  options: Options;
  database: Database;
  report: Report;
  cleanup: Cleanup;
  resultsDir: string;
  stamp: string;
}

/** The API steps that run after the profiled probe, on an API without the profiler. */
const LATER_API_STEPS: Step[] = [
  'storm',
  'typing',
  'history',
  'read',
  'list',
  'team',
  'attachments',
  'image-load',
  'history-large',
];

/** The API steps, in an order where each leaves the database as the next expects it. */
async function runApiSteps(run: ApiRun): Promise<{ outcome: LoadOutcome | null; profile: ProfileSummary | null }> {
  const { options, database, report, cleanup, resultsDir, stamp } = run;
  const steps = new Set(options.only);
  // Sends per second of the busiest user in any step.
  const sendCap = Math.max(
    Math.max(options.rate, options.maxRate, options.profileRate) / options.users,
    options.stormRate / (options.stormUsers / 2),
    options.typingPairRate / 2,
    options.teamRate / (options.teamGarages * 2),
  );
  const launch = (logName: string, extra: { jwtSecret?: string; cpuProfDir?: string; dbCommands?: boolean } = {}) =>
    startApi(database.uri, options.dbName, join(resultsDir, `${stamp}-${logName}.log`), sendCap, extra);
  let api = await launch('api', { dbCommands: options.dbCommands });
  cleanup.push('api', api.stop);
  const fixtures = await Fixtures.connect(database.uri, options.dbName, api.jwtSecret, {
    batch: options.seedBatch,
    inFlight: options.seedInFlight,
  });
  cleanup.push('fixtures', () => fixtures.close());
  await fixtures.waitForIndexes();
  const context = (): ApiContext => ({ options, api, dbPid: database.pid, fixtures, report });

  if (steps.has('memory')) await memoryStep(context());
  let outcome: LoadOutcome | null = null;
  if (steps.has('delivery')) {
    const users = await pairedUsers(fixtures, options.users);
    let commands: DbCommandKind[] = [];
    const counted = api;
    const hooks = options.dbCommands
      ? {
          before: () => counted.resetDbCommands(),
          after: async () => {
            commands = await counted.dbCommands();
          },
        }
      : undefined;
    outcome = await loadSteps(apiEndpoint(context()), users, options, steps.has('ceiling'), hooks);
    report.record('api-load', outcome);
    reportLoad(report, outcome, options, 'API');
    if (options.dbCommands && database.pid !== undefined) {
      await dbCommandsStep({ uri: database.uri, dbName: options.dbName, dbPid: database.pid, report }, commands, {
        rate: outcome.delivery.rate,
        dbCpuMsPerMessage: outcome.delivery.dbCpuMsPerMessage,
      });
    }
  }
  let profile: ProfileSummary | null = null;
  if (options.profile) {
    // Right after the ceiling search, on the database it left: the same API, restarted under V8's profiler.
    const dir = join(resultsDir, `${stamp}-profile`);
    mkdirSync(dir, { recursive: true });
    await cleanup.pop('api');
    api = await launch('api-profiled', { jwtSecret: api.jwtSecret, cpuProfDir: dir });
    cleanup.push('api', api.stop);
    const rate =
      options.profileRate ||
      (outcome?.ceiling?.ceiling ?? (outcome?.delivery.passed ? outcome.delivery.rate : PROFILE_FALLBACK_RATE));
    profile = await profileStep(context(), database.debugUrl, rate, dir);
    await cleanup.pop('api');
    if (LATER_API_STEPS.some((step) => steps.has(step))) {
      api = await launch('api-after-profile', { jwtSecret: api.jwtSecret });
      cleanup.push('api', api.stop);
    }
  }
  if (steps.has('storm')) await stormStep(context());
  if (steps.has('typing')) await typingStep(context());
  let history: Awaited<ReturnType<typeof historyStep>> | null = null;
  if (steps.has('history')) history = await historyStep(context());
  // Before the list step: on FerretDB every conversation query scans the whole collection, and the
  // list step adds thousands of conversations.
  if (steps.has('read')) await readStep(context(), history?.medium.fixture ?? null);
  if (steps.has('list')) await listStep(context());
  if (steps.has('team')) await teamStep(context());
  if (steps.has('attachments')) await attachmentsStep(context());
  if (steps.has('image-load')) await imageLoadStep(context());
  // Last: a million messages would weigh on every step after it.
  if (steps.has('history-large')) await historyLargeStep(context(), history?.small ?? null);
  await cleanup.pop('fixtures');
  await cleanup.pop('api');
  return { outcome, profile };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  checkFileLimit(options);
  loadDevEnv();
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const source = sourceVersion();
  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const report = new Report();
  const cleanup = new Cleanup();
  const interrupt = (signal: NodeJS.Signals) => {
    console.error(`[bench] ${signal}: stopping`);
    void cleanup.all().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  let apiOutcome: LoadOutcome | null = null;
  let profile: ProfileSummary | null = null;
  cleanup.push('run files', removeRunFiles);
  try {
    // The ceiling search extends a delivery step (the API's or the relay's): alone it needs no API.
    // Lighthouse serves the web app with an API of its own (the browser tests' server).
    const apiSteps = options.only.filter((step) => step !== 'relay' && step !== 'ceiling' && step !== 'lighthouse');
    if (apiSteps.length > 0 || options.profile) {
      await buildApi(options.build, options.smoke);
      const database = await startDatabase(options.dbPort, join(resultsDir, `${stamp}-ferretdb.log`), options.profile);
      cleanup.push('database', database.stop);
      // The bench's database starts empty, also on a server given through MONGODB_URI.
      await Fixtures.dropDatabase(database.uri, options.dbName);
      ({ outcome: apiOutcome, profile } = await runApiSteps({ options, database, report, cleanup, resultsDir, stamp }));
      await cleanup.pop('database');
    }
    if (options.only.includes('relay')) {
      const relay = await startRelay();
      cleanup.push('relay', relay.stop);
      const endpoint = {
        name: 'relay',
        url: relay.url,
        pids: [relay.pid],
        // Bare sockets: the relay knows no accounts and stores nothing to retry against.
        connect: (users: BenchUser[], concurrency: number) =>
          connectSocketLinks(relay.url, users, (user) => ({ userId: user.id }), concurrency),
      };
      const outcome = await loadSteps(endpoint, relayUsers(options.users), options, options.only.includes('ceiling'));
      report.record('relay-load', outcome);
      reportLoad(report, outcome, options, 'relay');
      if (apiOutcome) reportComparison(report, apiOutcome, outcome);
      await cleanup.pop('relay');
    }
    if (options.only.includes('lighthouse')) {
      if (apiSteps.length === 0 && !options.profile) await buildApi(options.build, options.smoke);
      const database = await startDatabase(options.dbPort, join(resultsDir, `${stamp}-lighthouse-ferretdb.log`), false);
      cleanup.push('database', database.stop);
      await lighthouseStep(options, database, report, join(resultsDir, `${stamp}-lighthouse`));
      await cleanup.pop('database');
    }
  } catch (error) {
    await cleanup.all();
    throw error;
  }
  await cleanup.pop('run files');

  const seconds = (Date.now() - started.getTime()) / 1000;
  const host = machine();
  const table = report.table();
  console.log(`\n${options.smoke ? 'Smoke run: tiny sizes, the figures mean nothing.\n' : ''}${table}\n`);
  const resultsFile = join(resultsDir, `${stamp}.json`);
  report.writeJson(resultsFile, { startedAt: started.toISOString(), seconds, machine: host, source, options });
  console.log(`[bench] ${seconds.toFixed(0)} s; results in ${resultsFile}`);
  if (options.writeBaseline) {
    const sizing = process.argv
      .slice(2)
      .filter(
        (arg, i, args) =>
          !['--write-baseline', '--note', '--baseline-label'].includes(arg) &&
          !['--note', '--baseline-label'].includes(args[i - 1]),
      );
    const body = [
      `\`npm run bench${sizing.length > 0 ? ` -- ${sizing.join(' ')}` : ''}\`, ${started.toISOString().slice(0, 10)}, ${seconds.toFixed(0)} s.`,
      '',
      `Machine: ${host.cores} cores (${host.cpuModel}), ${host.memoryGiB} GiB, Node ${host.node}, ${host.kernel}.`,
      `API built from ${source}; database: ${process.env.MONGODB_URI ? 'MONGODB_URI' : 'the embedded FerretDB 1.24 (SQLite)'}.`,
      ...(options.note ? ['', `Note: ${options.note}`] : []),
      '',
      report.markdown(),
      ...(profile ? ['', '### Profile', '', profile.markdown] : []),
    ].join('\n');
    writeBaselineSection(join(BENCH_DIR, 'BASELINE.md'), options.baselineLabel, body);
    console.log(`[bench] wrote the "${options.baselineLabel}" section of tools/bench/BASELINE.md`);
  }
}

// Exits explicitly: a socket or timer left behind by a failed step must not keep the bench alive.
main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[bench] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
