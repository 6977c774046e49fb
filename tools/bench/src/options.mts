import { parseArgs } from 'node:util';

export const STEPS = [
  'memory',
  'delivery',
  'ceiling',
  'storm',
  'typing',
  'history',
  'read',
  'list',
  'team',
  'attachments',
  'image-load',
  'history-large',
  'relay',
  'lighthouse',
] as const;
export type Step = (typeof STEPS)[number];
export const DEFAULT_BASELINE_LABEL = 'latest';
/** Steps a plain run leaves out: each has a flag that adds it. */
const OPT_IN_STEPS: readonly Step[] = ['history-large'];

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
  historyMedium: number;
  /** Messages of the --history-large step's conversation. */
  historyLarge: number;
  listSmall: number;
  listLarge: number;
  /** Members of the larger garage of the team step (the other has one). */
  teamMembers: number;
  /** Garages of each size whose sends the team step measures, one conversation each. */
  teamGarages: number;
  /** Sends per second of each of the team step's runs, and its seconds. */
  teamRate: number;
  teamDuration: number;
  /** Runs of each team size, one size after the other. */
  teamRounds: number;
  idleSockets: number;
  markReadUnread: number;
  /** Timings per REST measurement (after warm-up). */
  repeats: number;
  /** Seconds one REST measurement may take before it stops with fewer than `repeats` samples (at least 3). */
  timingBudget: number;
  seedBatch: number;
  /** insertMany calls in flight while seeding. */
  seedInFlight: number;
  connectConcurrency: number;
  /** Connected users of the reconnect storm, in pairs; half of them drop and reconnect. */
  stormUsers: number;
  /** Sends per second flowing through the storm. */
  stormRate: number;
  /** Seconds of flow before the drop, and seconds the dropped users stay offline. */
  stormWarmup: number;
  stormOffline: number;
  /** Seconds of flow after every dropped user has caught up. */
  stormTail: number;
  typingEvents: number;
  /** Sends per second of the pair measured during the typing flood. */
  typingPairRate: number;
  typingDuration: number;
  /** Sends per second of the profiled probe; 0: this run's API ceiling. */
  profileRate: number;
  profileSeconds: number;
  /** Port of the bench's own FerretDB; a free one when not given. */
  dbPort: number | undefined;
  dbName: string;
  build: boolean | undefined;
  only: Step[];
  /** CPU profiles of the API and FerretDB during one probe at the ceiling. */
  profile: boolean;
  /** The delivery step's database commands by kind, and FerretDB's CPU attributed to each (db-commands.mts). */
  dbCommands: boolean;
  writeBaseline: boolean;
  /** The BASELINE.md section this run writes; other sections are kept. */
  baselineLabel: string;
  note: string;
}

const DEFAULTS: Omit<
  Options,
  'smoke' | 'build' | 'only' | 'profile' | 'dbCommands' | 'writeBaseline' | 'baselineLabel' | 'note' | 'dbPort'
> = {
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
  historyMedium: 100000,
  historyLarge: 1000000,
  listSmall: 10,
  listLarge: 10000,
  teamMembers: 10,
  teamGarages: 20,
  teamRate: 100,
  teamDuration: 20,
  teamRounds: 2,
  idleSockets: 5000,
  markReadUnread: 1000,
  repeats: 15,
  timingBudget: 15,
  seedBatch: 10000,
  seedInFlight: 4,
  connectConcurrency: 100,
  stormUsers: 400,
  stormRate: 40,
  stormWarmup: 5,
  stormOffline: 2,
  stormTail: 5,
  typingEvents: 1000,
  typingPairRate: 20,
  typingDuration: 6,
  profileRate: 0,
  profileSeconds: 10,
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
  historyMedium: 2000,
  historyLarge: 20000,
  listSmall: 10,
  listLarge: 200,
  teamMembers: 3,
  teamGarages: 4,
  teamRate: 20,
  teamDuration: 2,
  teamRounds: 1,
  idleSockets: 200,
  markReadUnread: 200,
  repeats: 3,
  timingBudget: 5,
  seedBatch: 1000,
  stormUsers: 20,
  stormRate: 10,
  stormWarmup: 1,
  stormOffline: 0.5,
  stormTail: 1,
  typingEvents: 100,
  typingDuration: 2,
  profileSeconds: 2,
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
  'history-medium': 'historyMedium',
  'history-large-size': 'historyLarge',
  'list-small': 'listSmall',
  'list-large': 'listLarge',
  'team-members': 'teamMembers',
  'team-garages': 'teamGarages',
  'team-rate': 'teamRate',
  'team-duration': 'teamDuration',
  'team-rounds': 'teamRounds',
  'idle-sockets': 'idleSockets',
  'mark-read-unread': 'markReadUnread',
  repeats: 'repeats',
  'timing-budget': 'timingBudget',
  'seed-batch': 'seedBatch',
  'seed-in-flight': 'seedInFlight',
  'connect-concurrency': 'connectConcurrency',
  'storm-users': 'stormUsers',
  'storm-rate': 'stormRate',
  'storm-warmup': 'stormWarmup',
  'storm-offline': 'stormOffline',
  'storm-tail': 'stormTail',
  'typing-events': 'typingEvents',
  'typing-pair-rate': 'typingPairRate',
  'typing-duration': 'typingDuration',
  'profile-rate': 'profileRate',
  'profile-seconds': 'profileSeconds',
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
  --storm-users N         connected users of the reconnect storm; half drop and reconnect (${DEFAULTS.stormUsers})
  --storm-rate R          sends per second flowing through the storm (${DEFAULTS.stormRate})
  --storm-warmup S, --storm-offline S, --storm-tail S
                          flow before the drop, time offline, flow after the last catch-up (${DEFAULTS.stormWarmup}, ${DEFAULTS.stormOffline}, ${DEFAULTS.stormTail})
  --typing-events N       typing events of the flood (${DEFAULTS.typingEvents})
  --typing-pair-rate R    sends per second of the pair measured meanwhile (${DEFAULTS.typingPairRate})
  --typing-duration S     seconds that pair is measured (${DEFAULTS.typingDuration})
  --history-small N, --history-medium N  messages in the two conversations of the history step (${DEFAULTS.historySmall}, ${DEFAULTS.historyMedium})
  --history-large         add the history-large step: a conversation of --history-large-size messages
  --history-large-size N  (${DEFAULTS.historyLarge}), compared with the history step's small one
  --list-small N, --list-large N         conversations of the two garagistes (${DEFAULTS.listSmall}, ${DEFAULTS.listLarge})
  --team-members N        members of the team step's larger garage; the other has one (${DEFAULTS.teamMembers})
  --team-garages N        garages of each size whose sends are measured (${DEFAULTS.teamGarages})
  --team-rate R, --team-duration S, --team-rounds K
                          sends per second and seconds of each run, runs of each size (${DEFAULTS.teamRate}, ${DEFAULTS.teamDuration}, ${DEFAULTS.teamRounds})
  --idle-sockets N        idle authenticated sockets of the memory step (${DEFAULTS.idleSockets})
  --mark-read-unread N    unread messages of each mark-read conversation (${DEFAULTS.markReadUnread})
  --repeats N             timings per REST measurement (${DEFAULTS.repeats})
  --timing-budget S       seconds per REST measurement before it settles for fewer, at least 3 (${DEFAULTS.timingBudget})
  --seed-batch N          documents per insertMany when seeding (${DEFAULTS.seedBatch})
  --seed-in-flight N      insertMany calls in flight when seeding (${DEFAULTS.seedInFlight})
  --connect-concurrency N socket handshakes in flight (${DEFAULTS.connectConcurrency})
  --profile               CPU profiles of the API (--cpu-prof) and FerretDB (pprof) during one probe
  --profile-rate R        sends per second of that probe (default: this run's API ceiling)
  --profile-seconds S     seconds of that probe (${DEFAULTS.profileSeconds})
  --db-commands           count the delivery step's database commands by kind (driver command monitoring
                          in the API) and attribute FerretDB's CPU to each by replaying it alone after
                          the step (its writes undone); the floor: the message inserts alone
  --db-port P             port of the bench's own FerretDB (default: a free one)
  --db-name NAME          database the API uses; dropped at start (${DEFAULTS.dbName})
  --build / --no-build    build the API (and the web app for lighthouse) first (default: yes, except --smoke when dist exists)
  --write-baseline        also write this run into tools/bench/BASELINE.md
  --baseline-label L      its section there ("${DEFAULT_BASELINE_LABEL}"); sections with other labels are kept
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
      'history-large': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'db-commands': { type: 'boolean', default: false },
      'write-baseline': { type: 'boolean', default: false },
      'baseline-label': { type: 'string', default: DEFAULT_BASELINE_LABEL },
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
  if (sized.stormUsers < 2 || sized.stormUsers % 2 !== 0)
    throw new Error('--storm-users must be an even number of at least 2 (pairs, one of each drops)');
  const only =
    values.only === undefined
      ? STEPS.filter((step) => !OPT_IN_STEPS.includes(step))
      : values.only.split(',').map((step) => step.trim());
  const unknown = only.filter((step) => !(STEPS as readonly string[]).includes(step));
  if (unknown.length > 0) throw new Error(`--only: unknown step ${unknown.join(', ')} (steps: ${STEPS.join(', ')})`);
  if (values['history-large'] && !only.includes('history-large')) only.push('history-large');
  const baselineLabel = values['baseline-label'].trim();
  if (!/^[\w ().,-]{1,60}$/.test(baselineLabel))
    throw new Error('--baseline-label must be 1 to 60 letters, digits, spaces or ( ) . , - _');
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
    profile: values.profile === true,
    dbCommands: values['db-commands'] === true,
    writeBaseline: values['write-baseline'] === true,
    baselineLabel,
    note: values.note ?? '',
    dbName,
    dbPort,
  };
}
