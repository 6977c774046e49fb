// The measurements, each adding its rows to the report and its raw figures to the JSON.
import type { ConversationView, MarkReadResponse, Page } from '@promoto/shared-dto';
import { ObjectId } from 'mongodb';
import type { BenchUser, Fixtures, SeededConversation } from './fixtures.mjs';
import type { HistoryFixture } from './history.mjs';
import {
  closeLinks,
  closeSockets,
  connectClientLinks,
  connectSockets,
  findCeiling,
  PairLoad,
  type CeilingSearch,
  type Endpoint,
  type StepResult,
} from './load.mjs';
import type { Options } from './options.mjs';
import { fmt, judge, type Report } from './report.mjs';
import { timedRequest, timeRepeatedly, type Timing } from './rest.mjs';
import { sleep } from './stats.mjs';
import type { Api } from './system.mjs';

/** Large/small time ratio allowed for history pages and conversation lists. */
const RATIO_TARGET = 1.5;
const MAX_KB_PER_SOCKET = 30;
const MARK_READ_TARGET_MS = 20;
/** Issue 9: ten times the 98/s measured before it, and 15% of the bare relay's ceiling. */
const CEILING_TARGET = 980;
const RELAY_SHARE_TARGET = 0.15;
/** Issue 9: CPU per persisted and delivered message, ms: the API's, and the API's plus its database's. */
const API_CPU_TARGET_MS = 0.7;
const TOTAL_CPU_TARGET_MS = 2;

export interface ApiContext {
  options: Options;
  api: Api;
  /** FerretDB's pid when the bench runs its own. */
  dbPid?: number;
  fixtures: Fixtures;
  report: Report;
}

export const timingText = (timing: Timing) => `${fmt.ms(timing.p50)} (p95 ${fmt.ms(timing.p95)})`;

export function apiEndpoint(context: ApiContext): Endpoint {
  return {
    name: 'api',
    url: context.api.url,
    pids: context.dbPid === undefined ? [context.api.pid] : [context.api.pid, context.dbPid],
    // The load talks to the API through @promoto/client, as other teams' services do.
    connect: (users, concurrency) => connectClientLinks(context.api.url, users, concurrency),
    loopDelayP99: async () => {
      // prom-client resets its event-loop histogram on every scrape; each sample includes the
      // monitor's period, which is the histogram's minimum, so that is taken off.
      const metrics = await context.api.metrics();
      const p99 = metrics.get('nodejs_eventloop_lag_p99_seconds');
      const min = metrics.get('nodejs_eventloop_lag_min_seconds');
      return p99 === undefined || min === undefined ? null : Math.max(0, p99 - min) * 1000;
    },
  };
}

/** 5: RSS and heap of the API with many idle authenticated sockets, per socket. */
export async function memoryStep(context: ApiContext): Promise<void> {
  const { options, api, fixtures, report } = context;
  const count = options.idleSockets;
  const users = await fixtures.createUsers(count, 'client', 'idle');
  const handshake = (user: BenchUser) => ({ token: user.token });
  // The first handshakes load and compile code that the baseline should already hold.
  closeSockets(
    await connectSockets(api.url, users.slice(0, Math.min(50, count)), handshake, options.connectConcurrency),
  );
  await sleep(1_000);
  const before = await api.memoryUsage();
  const started = performance.now();
  const sockets = await connectSockets(api.url, users, handshake, options.connectConcurrency);
  const connectSeconds = (performance.now() - started) / 1000;
  await sleep(3_000);
  const after = await api.memoryUsage();
  closeSockets(sockets);
  await sleep(1_000);
  const rssPerSocket = (after.rss - before.rss) / count;
  const heapPerSocket = (after.heapUsed - before.heapUsed) / count;
  report.record('memory', { sockets: count, before, after, rssPerSocket, heapPerSocket, connectSeconds });
  report.add({
    step: 'memory',
    name: `RSS per idle socket (${fmt.count(count)} sockets)`,
    value: fmt.kb(rssPerSocket),
    target: `≤ ${MAX_KB_PER_SOCKET} KB`,
    status: judge(rssPerSocket <= MAX_KB_PER_SOCKET * 1024),
    detail: `RSS ${fmt.mb(before.rss)} → ${fmt.mb(after.rss)} after a full GC`,
  });
  report.add({
    step: 'memory',
    name: 'heap per idle socket',
    value: fmt.kb(heapPerSocket),
    detail: `heap used ${fmt.mb(before.heapUsed)} → ${fmt.mb(after.heapUsed)} after a full GC`,
  });
  report.add({
    step: 'memory',
    name: 'authenticated handshakes',
    value: fmt.rate(count / connectSeconds),
    detail: `${fmt.count(count)} sockets in ${fmt.seconds(connectSeconds)}, ${options.connectConcurrency} in flight`,
  });
}

export function describeStep(result: StepResult): string {
  const aborted =
    result.abortedAfterSeconds === null
      ? ''
      : `, stopped after ${fmt.seconds(result.abortedAfterSeconds)}: could no longer pass`;
  return (
    `${result.endpoint} R=${fmt.rate(result.rate)}: p99 ${fmt.ms(result.deliveryMs.p99)}, sent ${fmt.count(result.sent)}/${fmt.count(result.planned)}, ` +
    `lost ${result.lost}, dup ${result.duplicated}, errors ${result.ackErrors}, unacked ${result.unacked}${aborted}, ` +
    `CPU ${fmt.percent(result.serverCpuPercent)}${result.dbCpuPercent === null ? '' : ` + db ${fmt.percent(result.dbCpuPercent)}`}` +
    `${result.serverLoopDelayP99 === null ? '' : `, loop p99 ${fmt.ms(result.serverLoopDelayP99)}`} → ${result.passed ? 'pass' : 'fail'}`
  );
}

export interface LoadOutcome {
  delivery: StepResult;
  ceiling: CeilingSearch | null;
}

/** What runs right before and right after the delivery step (not around the connections nor the ceiling search). */
export interface DeliveryHooks {
  before(): Promise<void>;
  after(): Promise<void>;
}

/** 1 and 2 (and 3 against the relay): N users in pairs, R/s for T s, then the ceiling search. */
export async function loadSteps(
  endpoint: Endpoint,
  users: BenchUser[],
  options: Options,
  withCeiling: boolean,
  hooks?: DeliveryHooks,
): Promise<LoadOutcome> {
  const connectStarted = performance.now();
  const links = await endpoint.connect(users, options.connectConcurrency);
  try {
    const load = new PairLoad(endpoint, users, links, options);
    await load.join(options.connectConcurrency);
    console.log(
      `[bench] ${endpoint.name}: ${users.length} sockets connected and joined in ${fmt.seconds((performance.now() - connectStarted) / 1000)}`,
    );
    await hooks?.before();
    const delivery = await load.run(options.rate, options.duration);
    await hooks?.after();
    console.log(`[bench] ${describeStep(delivery)}`);
    const ceiling = withCeiling
      ? await findCeiling(
          load,
          delivery,
          {
            seconds: options.ceilingDuration,
            factor: options.ceilingFactor,
            maxProbes: options.ceilingMaxProbes,
            minRate: options.minRate,
            maxRate: options.maxRate,
          },
          (probe) => console.log(`[bench] ceiling probe ${describeStep(probe)}`),
        )
      : null;
    return { delivery, ceiling };
  } finally {
    closeLinks(links);
    await sleep(1_000);
  }
}

/** The users of the load steps: clients and garagistes in pairs, each pair with its conversation. */
export async function pairedUsers(fixtures: Fixtures, count: number): Promise<BenchUser[]> {
  const clients = await fixtures.createUsers(count / 2, 'client', 'load');
  const garagistes = await fixtures.createUsers(count / 2, 'garagiste', 'load');
  const pairs = clients.map((client, i): [BenchUser, BenchUser] => [client, garagistes[i]]);
  await fixtures.createConversations(pairs);
  return pairs.flat();
}

/** The relay knows no accounts: ids only. */
export function relayUsers(count: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => {
    const _id = new ObjectId();
    return { _id, id: _id.toHexString(), name: `relay ${i}`, role: i % 2 === 0 ? 'client' : 'garagiste', token: '' };
  });
}

export function reportLoad(report: Report, outcome: LoadOutcome, options: Options, name: string): void {
  const { delivery, ceiling } = outcome;
  const at = `N=${fmt.count(options.users)}, R=${fmt.rate(delivery.rate)}, T=${options.duration} s`;
  const aborted =
    delivery.abortedAfterSeconds === null
      ? ''
      : ` — sending stopped after ${fmt.seconds(delivery.abortedAfterSeconds)}: over 1% already later than ${options.p99Limit} ms`;
  const clean = delivery.lost === 0 && delivery.duplicated === 0;
  const isApi = name === 'API';
  report.add({
    step: 'delivery',
    name: `${name} delivery p99 (${at})`,
    value: fmt.ms(delivery.deliveryMs.p99),
    ...(isApi
      ? {
          target: `< ${options.p99Limit} ms, 0 lost, 0 dup`,
          status: judge(delivery.passed && delivery.deliveryMs.p99 < options.p99Limit && clean),
        }
      : {}),
    detail: `p50 ${fmt.ms(delivery.deliveryMs.p50)} · p90 ${fmt.ms(delivery.deliveryMs.p90)} · max ${fmt.ms(delivery.deliveryMs.max)}${aborted}`,
  });
  report.add({
    step: 'delivery',
    name: `${name} ack latency p99`,
    value: fmt.ms(delivery.ackMs.p99),
    detail: `p50 ${fmt.ms(delivery.ackMs.p50)} · max ${fmt.ms(delivery.ackMs.max)}`,
  });
  report.add({
    step: 'delivery',
    name: `${name} achieved rate`,
    value: fmt.rate(delivery.deliveredRate),
    detail:
      `delivered; sent ${fmt.rate(delivery.achievedRate)} (${fmt.count(delivery.sent)} of ${fmt.count(delivery.planned)}), ` +
      `answered ${fmt.rate(delivery.processedRate)} backlog included, send lag max ${fmt.ms(delivery.maxSendLagMs)}, ` +
      `bench event-loop delay p99 ${fmt.ms(delivery.harnessLoopDelayP99)}`,
  });
  report.add({
    step: 'delivery',
    name: `${name} lost / duplicated`,
    value: `${delivery.lost} / ${delivery.duplicated}`,
    ...(isApi ? { target: '0 / 0', status: judge(clean) } : {}),
    detail: `ack errors ${delivery.ackErrors}${delivery.firstAckError ? ` (${delivery.firstAckError})` : ''}, never acked ${delivery.unacked}`,
  });
  report.add({
    step: 'delivery',
    name: `${name} process CPU / peak RSS`,
    value: `${fmt.percent(delivery.serverCpuPercent)} / ${fmt.mb(delivery.serverPeakRssBytes)}`,
    detail:
      `% of one core over the step, ${fmt.ms(delivery.serverCpuMsPerMessage)} CPU per message` +
      (delivery.dbCpuPercent === null || delivery.dbCpuMsPerMessage === null
        ? ''
        : `; FerretDB ${fmt.percent(delivery.dbCpuPercent)}, ${fmt.ms(delivery.dbCpuMsPerMessage)} per message`) +
      (delivery.serverLoopDelayP99 === null
        ? ''
        : `; ${name} event-loop delay p99 ${fmt.ms(delivery.serverLoopDelayP99)}`),
  });
  if (isApi) reportCpuPerMessage(report, outcome);
  if (ceiling) {
    const probes = [delivery, ...ceiling.probes].map((probe) => `${probe.rate}${probe.passed ? '✓' : '✗'}`).join(' ');
    report.add({
      step: 'ceiling',
      name: `${name} throughput ceiling (p99 < ${options.p99Limit} ms, nothing lost)`,
      value:
        ceiling.ceiling === null ? `< ${fmt.rate(ceiling.firstFailing ?? options.minRate)}` : fmt.rate(ceiling.ceiling),
      ...(isApi
        ? { target: `≥ ${fmt.rate(CEILING_TARGET)}`, status: judge((ceiling.ceiling ?? 0) >= CEILING_TARGET) }
        : {}),
      detail: `probes ${probes} (${options.ceilingDuration} s each after the first)`,
    });
  }
}

/**
 * The API's (and FerretDB's) CPU per answered send, from a step that kept up: the delivery step
 * if it passed, else the fastest passing ceiling probe; an overloaded step's figure would include
 * the cost of falling behind.
 */
function reportCpuPerMessage(report: Report, { delivery, ceiling }: LoadOutcome): void {
  const passing = [delivery, ...(ceiling?.probes ?? [])].filter((probe) => probe.passed);
  const source = delivery.passed
    ? delivery
    : (passing.sort((first, second) => second.rate - first.rate)[0] ?? delivery);
  const api = source.serverCpuMsPerMessage;
  const database = source.dbCpuMsPerMessage;
  const total = api + (database ?? 0);
  const met = api <= API_CPU_TARGET_MS && (database === null || total <= TOTAL_CPU_TARGET_MS);
  const from =
    source === delivery
      ? `the delivery step${delivery.passed ? '' : ' (no step passed: overloaded figures)'}`
      : `the ${fmt.rate(source.rate)} ceiling probe, the fastest that passed`;
  report.add({
    step: 'delivery',
    name: 'CPU per persisted and delivered message',
    value:
      database === null ? `API ${fmt.ms(api)}` : `API ${fmt.ms(api)} + FerretDB ${fmt.ms(database)} = ${fmt.ms(total)}`,
    target: `API ≤ ${API_CPU_TARGET_MS} ms, in all ≤ ${TOTAL_CPU_TARGET_MS} ms`,
    status: judge(met),
    detail: `during ${from}${database === null ? '; the database is not ours: its CPU is not measured' : ''}`,
  });
}

/** 3: our figures as ratios of the bare relay's. */
export function reportComparison(report: Report, api: LoadOutcome, relay: LoadOutcome): void {
  const p99Ratio = api.delivery.deliveryMs.p99 / relay.delivery.deliveryMs.p99;
  report.add({
    step: 'relay',
    name: 'delivery p99, API ÷ relay',
    value: fmt.ratio(p99Ratio),
    detail: `${fmt.ms(api.delivery.deliveryMs.p99)} vs ${fmt.ms(relay.delivery.deliveryMs.p99)} at R=${fmt.rate(api.delivery.rate)}`,
  });
  const apiCpu = api.delivery.serverCpuMsPerMessage + (api.delivery.dbCpuMsPerMessage ?? 0);
  report.add({
    step: 'relay',
    name: 'CPU per message, API and its database ÷ relay',
    value: fmt.ratio(apiCpu / relay.delivery.serverCpuMsPerMessage),
    detail:
      `${fmt.ms(api.delivery.serverCpuMsPerMessage)} API` +
      (api.delivery.dbCpuMsPerMessage === null ? '' : ` + ${fmt.ms(api.delivery.dbCpuMsPerMessage)} FerretDB`) +
      ` vs ${fmt.ms(relay.delivery.serverCpuMsPerMessage)} relay, during the delivery step`,
  });
  if (api.ceiling && relay.ceiling) {
    const share = (api.ceiling.ceiling ?? 0) / (relay.ceiling.ceiling ?? Number.NaN);
    const relayCapped = relay.ceiling.firstFailing === null;
    report.add({
      step: 'relay',
      name: 'ceiling, persisted and delivered ÷ bare relay',
      value: `${(share * 100).toFixed(1)}%`,
      target: `≥ ${RELAY_SHARE_TARGET * 100}%`,
      status: judge(share >= RELAY_SHARE_TARGET),
      detail: `${api.ceiling.ceiling === null ? 'none' : fmt.rate(api.ceiling.ceiling)} vs ${relay.ceiling.ceiling === null ? 'none' : fmt.rate(relay.ceiling.ceiling)}${relayCapped ? ' (relay still passing at the last probe: its ceiling is higher)' : ''}`,
    });
  }
}

export function ratioRow(
  report: Report,
  step: string,
  name: string,
  small: Timing,
  large: Timing,
  sizes: [number, number],
  target = true,
): void {
  const ratio = large.p50 / small.p50;
  report.add({
    step,
    name,
    value: fmt.ratio(ratio),
    ...(target ? { target: `≤ ${RATIO_TARGET}×`, status: judge(ratio <= RATIO_TARGET) } : {}),
    detail: `median (p95): ${fmt.count(sizes[0])} → ${timingText(small)} · ${fmt.count(sizes[1])} → ${timingText(large)}`,
  });
}

export const plan = (options: Options) => ({ repeats: options.repeats, budgetMs: options.timingBudget * 1000 });

/** 4b: the conversation list (and the unread badge) of a garagiste with few, then many conversations. */
export async function listStep(context: ApiContext): Promise<void> {
  const { options, api, fixtures, report } = context;
  const sizes: [number, number] = [options.listSmall, options.listLarge];
  const list: Timing[] = [];
  const unreadCount: Timing[] = [];
  for (const size of sizes) {
    const [owner] = await fixtures.createUsers(1, 'garagiste', `list ${size}`);
    const clients = await fixtures.createUsers(size, 'client', `list ${size}`);
    const seconds = await fixtures.seedConversationList(owner, clients);
    report.add({
      step: 'list',
      name: `seed ${fmt.count(size)} conversations`,
      value: fmt.seconds(seconds),
      detail: `${fmt.count(size)} clients, conversations and messages`,
    });
    list.push(
      await timeRepeatedly(
        plan(options),
        // Pages of the same length at both sizes (the small list is one page of its size), so
        // that the ratio shows the cost of the collection's size, not of a longer answer.
        () =>
          timedRequest<Page<ConversationView>>(`${api.url}/api/messages/conversations?limit=${sizes[0]}`, owner.token),
        (page) => {
          if (page.items.length === 0) throw new Error('a conversation list came back empty');
        },
      ),
    );
    unreadCount.push(
      await timeRepeatedly(plan(options), () =>
        timedRequest<{ total: number }>(`${api.url}/api/messages/unread-count`, owner.token),
      ),
    );
  }
  report.record('list', { sizes, list, unreadCount });
  const label = `${fmt.count(sizes[1])} ÷ ${fmt.count(sizes[0])} conversations`;
  ratioRow(report, 'list', `conversation list first page, ${label}`, list[0], list[1], sizes);
  ratioRow(report, 'list', `unread-count badge, ${label}`, unreadCount[0], unreadCount[1], sizes, false);
}

/** 6: PUT /api/messages/read on a conversation whose reader has a backlog of unread messages. */
export async function readStep(context: ApiContext, large: HistoryFixture | null): Promise<void> {
  const { options, api, fixtures, report } = context;
  const [client] = await fixtures.createUsers(1, 'client', 'read');
  const [garagiste] = await fixtures.createUsers(1, 'garagiste', 'read');
  const backlog = await fixtures.seedConversation(client, garagiste, options.markReadUnread, {
    from: client,
    unreadBy: garagiste,
  });
  const cases: Array<{
    label: string;
    reader: BenchUser;
    other: BenchUser;
    conversation: SeededConversation;
    unread: number;
  }> = [
    {
      label: fmt.count(options.markReadUnread),
      reader: garagiste,
      other: client,
      conversation: backlog,
      unread: options.markReadUnread,
    },
  ];
  if (large) {
    const unread = Math.ceil(large.conversation.count / 2);
    cases.push({
      label: fmt.count(unread),
      reader: large.other,
      other: large.reader,
      conversation: large.conversation,
      unread,
    });
  }
  const results: Record<string, Timing> = {};
  for (const { label, reader, other, conversation, unread } of cases) {
    const newest = conversation.newest?.toHexString();
    // Each call reads a fresh backlog: the watermark and count are put back before it, untimed.
    const call = async () => {
      await fixtures.resetUnread(conversation.id, reader, unread);
      return timedRequest<MarkReadResponse>(`${api.url}/api/messages/read`, reader.token, {
        method: 'PUT',
        body: { userId: other.id },
      });
    };
    const timing = await timeRepeatedly(plan(options), call, (response) => {
      if (response.lastReadMessageId !== newest)
        throw new Error(`mark read answered watermark ${response.lastReadMessageId}, expected ${newest}`);
    });
    results[label] = timing;
    report.add({
      step: 'read',
      name: `mark read, ${label} unread`,
      value: fmt.ms(timing.p50),
      target: `< ${MARK_READ_TARGET_MS} ms`,
      status: judge(timing.p50 < MARK_READ_TARGET_MS),
      detail: `median of ${timing.count}, p95 ${fmt.ms(timing.p95)}, max ${fmt.ms(timing.max)}`,
    });
  }
  report.record('read', results);
}
