import { parseArgs } from 'node:util';

export const STEPS = ['memory', 'delivery', 'ceiling', 'history', 'read', 'list', 'relay'] as const;
export type Step = (typeof STEPS)[number];

export interface Options {
  smoke: boolean;
  /** Connected users in the delivery and ceiling steps, in client/garagiste pairs. */
  users: number;
  /** Total sends per second of the delivery step. */
  rate: number;
  /** Seconds of the delivery step. */
  duration: number;
  /** Seconds of each ceiling probe. */
  ceilingDuration: number;
  ceilingFactor: number;
  ceilingMaxProbes: number;
  minRate: number;
  maxRate: number;
  /** p99 delivery bound of a passing probe, ms. */
  p99Limit: number;
  /** How long a step waits for late acks and deliveries after its last send, ms. */
  drainTimeout: number;
  contentLength: number;
  historySmall: number;
  historyLarge: number;
  listSmall: number;
  listLarge: number;
  idleSockets: number;
  markReadUnread: number;
  /** Timings per REST measurement (after warm-up). */
  repeats: number;
  /** Seconds one REST measurement may take before it stops with fewer than `repeats` samples (at least 3). */
  timingBudget: number;
  seedBatch: number;
  connectConcurrency: number;
  /** Port of the bench's own FerretDB; a free one when not given. */
  dbPort: number | undefined;
  dbName: string;
  build: boolean | undefined;
  only: Step[];
  writeBaseline: boolean;
  note: string;
}

const DEFAULTS: Omit<Options, 'smoke' | 'build' | 'only' | 'writeBaseline' | 'note' | 'dbPort'> = {
  users: 1000,
  rate: 1000,
  duration: 30,
  ceilingDuration: 10,
  ceilingFactor: 1.5,
  ceilingMaxProbes: 10,
  minRate: 1,
  maxRate: 60000,
  p99Limit: 50,
  drainTimeout: 10000,
  contentLength: 80,
  historySmall: 1000,
  historyLarge: 100000,
  listSmall: 10,
  listLarge: 10000,
  idleSockets: 5000,
  markReadUnread: 1000,
  repeats: 15,
  timingBudget: 15,
  seedBatch: 2000,
  connectConcurrency: 100,
  dbName: 'bench',
};

/** Tiny sizes: every step runs in seconds so that CI notices a broken harness; figures mean nothing. */
const SMOKE: Partial<typeof DEFAULTS> = {
  users: 20,
  rate: 50,
  duration: 2,
  ceilingDuration: 1,
  ceilingMaxProbes: 1,
  drainTimeout: 3000,
  historySmall: 200,
  historyLarge: 2000,
  listSmall: 10,
  listLarge: 200,
  idleSockets: 200,
  markReadUnread: 200,
  repeats: 3,
  timingBudget: 5,
};

type NumberSetting = {
  [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] extends number ? K : never;
}[keyof typeof DEFAULTS];

const NUMBER_FLAGS: Record<string, NumberSetting> = {
  users: 'users',
  rate: 'rate',
  duration: 'duration',
  'ceiling-duration': 'ceilingDuration',
  'ceiling-factor': 'ceilingFactor',
  'ceiling-probes': 'ceilingMaxProbes',
  'min-rate': 'minRate',
  'max-rate': 'maxRate',
  'p99-limit': 'p99Limit',
  'drain-timeout': 'drainTimeout',
  'content-length': 'contentLength',
  'history-small': 'historySmall',
  'history-large': 'historyLarge',
  'list-small': 'listSmall',
  'list-large': 'listLarge',
  'idle-sockets': 'idleSockets',
  'mark-read-unread': 'markReadUnread',
  repeats: 'repeats',
  'timing-budget': 'timingBudget',
  'seed-batch': 'seedBatch',
  'connect-concurrency': 'connectConcurrency',
};

export const USAGE = `npm run bench -- [flags]

  --smoke                 every step at tiny sizes (seconds); figures are not meaningful
  --only a,b              run only these steps: ${STEPS.join(', ')}
  --users N               connected users, in pairs (${DEFAULTS.users})
  --rate R                sends per second of the delivery step (${DEFAULTS.rate})
  --duration T            seconds of the delivery step (${DEFAULTS.duration})
  --ceiling-duration T    seconds of each ceiling probe (${DEFAULTS.ceilingDuration})
  --ceiling-factor F      rate multiplier between probes (${DEFAULTS.ceilingFactor})
  --ceiling-probes K      probes after the delivery step, at most (${DEFAULTS.ceilingMaxProbes})
  --min-rate, --max-rate  bounds of the ceiling search (${DEFAULTS.minRate}, ${DEFAULTS.maxRate})
  --p99-limit MS          p99 delivery of a passing step (${DEFAULTS.p99Limit})
  --drain-timeout MS      wait for late acks and deliveries (${DEFAULTS.drainTimeout})
  --content-length C      characters per message (${DEFAULTS.contentLength})
  --history-small N, --history-large N   messages in the two conversations (${DEFAULTS.historySmall}, ${DEFAULTS.historyLarge})
  --list-small N, --list-large N         conversations of the two garagistes (${DEFAULTS.listSmall}, ${DEFAULTS.listLarge})
  --idle-sockets N        idle authenticated sockets of the memory step (${DEFAULTS.idleSockets})
  --mark-read-unread N    unread messages of each mark-read conversation (${DEFAULTS.markReadUnread})
  --repeats N             timings per REST measurement (${DEFAULTS.repeats})
  --timing-budget S       seconds per REST measurement before it settles for fewer, at least 3 (${DEFAULTS.timingBudget})
  --seed-batch N          documents per insertMany when seeding (${DEFAULTS.seedBatch})
  --connect-concurrency N socket handshakes in flight (${DEFAULTS.connectConcurrency})
  --db-port P             port of the bench's own FerretDB (default: a free one)
  --db-name NAME          database the API uses; dropped at start (${DEFAULTS.dbName})
  --build / --no-build    build the API first (default: yes, except --smoke when dist exists)
  --write-baseline        also write tools/bench/BASELINE.md
  --note TEXT             a remark stored with the results (e.g. "machine shared")
`;

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      smoke: { type: 'boolean', default: false },
      build: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      only: { type: 'string' },
      'write-baseline': { type: 'boolean', default: false },
      note: { type: 'string', default: '' },
      'db-name': { type: 'string' },
      'db-port': { type: 'string' },
      ...Object.fromEntries(Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  if (values.help) return 'help';
  const smoke = values.smoke === true;
  const sized = { ...DEFAULTS, ...(smoke ? SMOKE : {}) };
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    const raw = (values as Record<string, unknown>)[flag];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${flag} must be a positive number, got "${String(raw)}"`);
    sized[key] = value;
  }
  if (sized.users < 2 || sized.users % 2 !== 0)
    throw new Error('--users must be an even number of at least 2 (users come in pairs)');
  if (sized.ceilingFactor <= 1) throw new Error('--ceiling-factor must be above 1');
  const only = values.only === undefined ? [...STEPS] : values.only.split(',').map((step) => step.trim());
  const unknown = only.filter((step) => !(STEPS as readonly string[]).includes(step));
  if (unknown.length > 0) throw new Error(`--only: unknown step ${unknown.join(', ')} (steps: ${STEPS.join(', ')})`);
  const dbName = values['db-name'] ?? DEFAULTS.dbName;
  const dbPort = values['db-port'] === undefined ? undefined : Number(values['db-port']);
  if (dbPort !== undefined && !(Number.isInteger(dbPort) && dbPort > 0 && dbPort < 65536))
    throw new Error('--db-port must be a port number');
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(dbName)) throw new Error('--db-name must be 1 to 63 letters, digits, "_" or "-"');
  return {
    ...sized,
    smoke,
    build: values['no-build'] ? false : values.build,
    only: only as Step[],
    writeBaseline: values['write-baseline'] === true,
    note: values.note ?? '',
    dbName,
    dbPort,
  };
}
