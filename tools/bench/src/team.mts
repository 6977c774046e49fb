// Issue 24: what a team costs. A garage's member reads a list and a history of a garage with many
// members and conversations as fast as a garagiste alone with few, and a message to a garage of
// many members costs about what it costs to a garage of one.
import type { AuthResponse, ConversationView, MessageView, Page } from '@promoto/shared-dto';
import { randomBytes } from 'node:crypto';
import type { BenchUser, SeededConversation } from './fixtures.mjs';
import { closeLinks, closeSockets, connectSockets, PairLoad, type StepResult } from './load.mjs';
import { fmt, judge } from './report.mjs';
import { timeAlternately, timedRequest, type Timed, type Timing } from './rest.mjs';
import { sleep } from './stats.mjs';
import { apiEndpoint, plan, ratioRow, type ApiContext } from './steps.mjs';

/** Issue 24: a send to the larger team costs at most this many times a send to a garage of one. */
const SEND_RATIO_TARGET = 1.5;

interface ReadingFixture {
  members: number;
  conversations: number;
  /** The member who reads. */
  reader: BenchUser;
  /** The client of the garage's conversation with `historySmall` messages. */
  historyClient: BenchUser;
  history: SeededConversation;
}

interface ReadingTimings {
  list: Timing;
  unassigned: Timing;
  mine: Timing;
  newest: Timing;
  before: Timing;
  after: Timing;
}

/**
 * A garage of `members` members with `conversations` conversations of one message each (two in
 * three assigned, round the team), every one read by every member, and one conversation of the
 * history step's small size that the reader has not read.
 */
async function seedReadingGarage(context: ApiContext, members: number, conversations: number): Promise<ReadingFixture> {
  const { options, fixtures, report } = context;
  const label = `team ${members}×${conversations}`;
  const [reader] = await fixtures.createUsers(1, 'garagiste', label);
  const team = [reader, ...(members > 1 ? await fixtures.createUsers(members - 1, 'garagiste', label, reader) : [])];
  // The history first: its unread messages set the garage's received total, the list's add to it.
  const [historyClient] = await fixtures.createUsers(1, 'client', `${label} history`);
  const history = await fixtures.seedConversation(historyClient, reader, options.historySmall, {
    unreadBy: reader,
    team: { readers: team },
  });
  const clients = await fixtures.createUsers(conversations, 'client', label);
  const seconds = await fixtures.seedConversationList(reader, clients, (i) => ({
    readers: team,
    assignee: i % 3 === 0 ? null : team[Math.floor(i / 3) % team.length],
  }));
  report.add({
    step: 'team',
    name: `seed a garage of ${members} member${members > 1 ? 's' : ''} and ${fmt.count(conversations)} conversations`,
    value: fmt.seconds(seconds + history.insertSeconds),
    detail: `and a conversation of ${fmt.count(options.historySmall)} messages`,
  });
  return { members, conversations, reader, historyClient, history };
}

type Reading = keyof ReadingTimings;
const READINGS: readonly Reading[] = ['list', 'unassigned', 'mine', 'newest', 'before', 'after'];

/** The reader's list (all, « Non assignées », « À moi ») and the history pages, as the web app asks for them. */
function readingCalls(
  context: ApiContext,
  fixture: ReadingFixture,
): Record<Reading, () => Promise<Timed<Page<unknown>>>> {
  const { options, api } = context;
  const { reader, historyClient, history } = fixture;
  // Pages of the same length for both garages: the ratio shows the cost of the garage's size.
  const list = (filter: string) => () =>
    timedRequest<Page<ConversationView>>(
      `${api.url}/api/messages/conversations?limit=${options.listSmall}${filter}`,
      reader.token,
    );
  const base = `${api.url}/api/messages/conversation/${historyClient.id}`;
  const page = (query: string) => () => timedRequest<Page<MessageView>>(`${base}${query}`, reader.token);
  return {
    list: list(''),
    unassigned: list('&assigned=none'),
    mine: list('&assigned=me'),
    newest: page(''),
    before: page(`?before=${history.idAt(Math.floor(history.count * 0.1)).toHexString()}`),
    after: page(`?after=${history.idAt(Math.floor(history.count / 2)).toHexString()}`),
  };
}

/**
 * Each reading of the lone garagiste and of the team, timed alternately (one call of each in
 * turn): the machine's drift during a measurement weighs on both sides of its ratio alike.
 */
async function timeReadings(
  context: ApiContext,
  fixtures: [ReadingFixture, ReadingFixture],
): Promise<[ReadingTimings, ReadingTimings]> {
  const [small, large] = fixtures.map((fixture) => readingCalls(context, fixture));
  const timings: [ReadingTimings, ReadingTimings] = [{} as ReadingTimings, {} as ReadingTimings];
  for (const reading of READINGS) {
    [timings[0][reading], timings[1][reading]] = await timeAlternately(
      plan(context.options),
      [small[reading], large[reading]],
      (page) => {
        if (page.items.length === 0) throw new Error(`the team step's ${reading} reading came back empty`);
      },
    );
  }
  return timings;
}

const JOIN_PASSWORD = 'moteur diesel vidange courroie';
/** How long the bench waits for a newcomer's reading of the garage's past, written in the background. */
const JOIN_SETTLE_MS = 600_000;

interface Joining {
  /** From the request to the answer. */
  answerMs: number;
  /** From the request until the newcomer's badge says nothing is unread: their reading of the past is written. */
  settledMs: number | null;
}

/**
 * A new account joins the garage by invitation (`POST /api/invitations/register`): the answer,
 * then the newcomer's badge polled until the garage's past reads as read (one write per
 * conversation, in the background after the answer).
 */
async function timeJoining(context: ApiContext, fixture: ReadingFixture): Promise<Joining> {
  const { api, fixtures } = context;
  const email = `bench-join-${randomBytes(6).toString('hex')}@promoto.test`;
  const token = await fixtures.createInvitation(fixture.reader, email);
  const started = performance.now();
  const { ms, body } = await timedRequest<AuthResponse>(`${api.url}/api/invitations/register`, fixture.reader.token, {
    method: 'POST',
    body: { token, name: 'Bench newcomer', password: JOIN_PASSWORD },
  });
  if (body.user.garageId !== fixture.reader.garageId?.toHexString()) throw new Error('the newcomer joined no garage');
  while (performance.now() - started < JOIN_SETTLE_MS) {
    const { body: unread } = await timedRequest<{ total: number }>(
      `${api.url}/api/messages/unread-count`,
      body.accessToken,
    );
    if (unread.total === 0) return { answerMs: ms, settledMs: performance.now() - started };
    await sleep(500);
  }
  return { answerMs: ms, settledMs: null };
}

/**
 * `garages` garages of `members` members, each in conversation with a client: the client and one
 * member of each send to each other at the team rate (PairLoad), the other members' tabs open.
 */
async function sendToTeams(context: ApiContext, members: number, round: number): Promise<StepResult> {
  const { options, api, fixtures } = context;
  const label = `team send ${members} ${round}`;
  const writers = await fixtures.createUsers(options.teamGarages, 'garagiste', label);
  const clients = await fixtures.createUsers(options.teamGarages, 'client', label);
  const colleagues: BenchUser[] = [];
  for (const writer of writers) {
    if (members > 1) colleagues.push(...(await fixtures.createUsers(members - 1, 'garagiste', label, writer)));
  }
  const pairs = clients.map((client, i): [BenchUser, BenchUser] => [client, writers[i]]);
  await fixtures.createConversations(pairs);
  const endpoint = apiEndpoint(context);
  const users = pairs.flat();
  const links = await endpoint.connect(users, options.connectConcurrency);
  const watchers = await connectSockets(
    api.url,
    colleagues,
    (user) => ({ token: user.token }),
    options.connectConcurrency,
  ).catch((error: unknown) => {
    closeLinks(links);
    throw error;
  });
  try {
    // No p99 limit: the step runs to its end at the fixed rate, whatever the latency.
    const load = new PairLoad(endpoint, users, links, {
      p99Limit: Number.POSITIVE_INFINITY,
      drainTimeout: options.drainTimeout,
      contentLength: options.contentLength,
    });
    await load.join(options.connectConcurrency);
    return await load.run(options.teamRate, options.teamDuration);
  } finally {
    closeLinks(links);
    closeSockets(watchers);
    await sleep(1_000);
  }
}

/** CPU per message and latencies of several runs of one team size, added up. */
interface SendTotals {
  messages: number;
  apiCpuMs: number;
  dbCpuMs: number | null;
  delivery: number[];
  ack: number[];
  lost: number;
  errors: number;
}

function addRun(totals: SendTotals | undefined, run: StepResult): SendTotals {
  // The denominator of the run's own figures: the sends answered during it.
  const answered = run.acked + run.ackErrors;
  return {
    messages: (totals?.messages ?? 0) + answered,
    apiCpuMs: (totals?.apiCpuMs ?? 0) + run.serverCpuMsPerMessage * answered,
    dbCpuMs: run.dbCpuMsPerMessage === null ? null : (totals?.dbCpuMs ?? 0) + run.dbCpuMsPerMessage * answered,
    delivery: [...(totals?.delivery ?? []), run.deliveryMs.p50, run.deliveryMs.p99],
    ack: [...(totals?.ack ?? []), run.ackMs.p50, run.ackMs.p99],
    lost: (totals?.lost ?? 0) + run.lost + run.unacked,
    errors: (totals?.errors ?? 0) + run.ackErrors,
  };
}

const perMessage = (totals: SendTotals) => ({
  api: totals.apiCpuMs / totals.messages,
  db: totals.dbCpuMs === null ? null : totals.dbCpuMs / totals.messages,
  all: (totals.apiCpuMs + (totals.dbCpuMs ?? 0)) / totals.messages,
});

const cpuText = (totals: SendTotals) => {
  const cost = perMessage(totals);
  return cost.db === null
    ? `API ${fmt.ms(cost.api)}`
    : `API ${fmt.ms(cost.api)} + FerretDB ${fmt.ms(cost.db)} = ${fmt.ms(cost.all)}`;
};

/** Latency p50 / p99 of each run (the values in pairs), in the order run. */
function latencyText(values: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < values.length; i += 2) runs.push(`${fmt.ms(values[i])} / ${fmt.ms(values[i + 1])}`);
  return runs.join(', ');
}

export async function teamStep(context: ApiContext): Promise<void> {
  const { options, report } = context;
  // Three times the page's length, so that each filter's first page of the lone garagiste is full
  // too (one conversation in three is unassigned): pages of the same length for both garages.
  const alone = await seedReadingGarage(context, 1, options.listSmall * 3);
  const team = await seedReadingGarage(context, options.teamMembers, options.listLarge);
  const [small, large] = await timeReadings(context, [alone, team]);
  const sizes: [number, number] = [alone.conversations, team.conversations];
  const label = `${options.teamMembers} members and ${fmt.count(team.conversations)} conversations ÷ 1 member and ${fmt.count(alone.conversations)}`;
  ratioRow(report, 'team', `member's conversation list first page, ${label}`, small.list, large.list, sizes);
  ratioRow(report, 'team', `« Non assignées » first page, ${label}`, small.unassigned, large.unassigned, sizes);
  ratioRow(report, 'team', `« À moi » first page, ${label}`, small.mine, large.mine, sizes);
  ratioRow(report, 'team', `member's history newest page, ${label}`, small.newest, large.newest, sizes);
  ratioRow(report, 'team', `member's history page 90% back (before), ${label}`, small.before, large.before, sizes);
  ratioRow(
    report,
    'team',
    `member's history catch-up from the middle (after), ${label}`,
    small.after,
    large.after,
    sizes,
  );

  // Sends: one member and the larger team in turn, so that the machine's load weighs on both alike.
  let one: SendTotals | undefined;
  let many: SendTotals | undefined;
  for (let round = 1; round <= options.teamRounds; round += 1) {
    one = addRun(one, await sendToTeams(context, 1, round));
    many = addRun(many, await sendToTeams(context, options.teamMembers, round));
  }
  if (!one || !many) return;
  // Last: a newcomer's reading of 10,000 conversations is written in the background, and the
  // bench waits for it, so that no step measures beside it.
  const [joinSmall, joinLarge] = [await timeJoining(context, alone), await timeJoining(context, team)];
  const settled = (joining: Joining) =>
    joining.settledMs === null ? `not within ${JOIN_SETTLE_MS / 1000} s` : fmt.seconds(joining.settledMs / 1000);
  report.add({
    step: 'team',
    name: `joining by invitation (a new account), garage of ${fmt.count(team.conversations)} conversations vs of ${fmt.count(alone.conversations)}: answer`,
    value: `${fmt.ms(joinLarge.answerMs)} vs ${fmt.ms(joinSmall.answerMs)}`,
    detail: `the password's hash included; the newcomer's past read (badge at 0) after ${settled(joinLarge)} vs ${settled(joinSmall)}`,
  });
  report.record('team', {
    reading: { alone: small, team: large },
    joining: { alone: joinSmall, team: joinLarge },
    sending: { one, many },
  });
  const ratio = perMessage(many).all / perMessage(one).all;
  const at = `${fmt.rate(options.teamRate)} for ${options.teamDuration} s, ${options.teamGarages} garages, ${options.teamRounds} round${options.teamRounds > 1 ? 's' : ''} each`;
  report.add({
    step: 'team',
    name: `send to a garage of ${options.teamMembers} members ÷ of 1: CPU per message`,
    value: fmt.ratio(ratio),
    target: `≤ ${SEND_RATIO_TARGET}×`,
    status: judge(ratio <= SEND_RATIO_TARGET && one.lost + many.lost + one.errors + many.errors === 0),
    detail: `1 member: ${cpuText(one)} · ${options.teamMembers} members: ${cpuText(many)}; at ${at}; lost or unacked ${one.lost} / ${many.lost}, errors ${one.errors} / ${many.errors}`,
  });
  report.add({
    step: 'team',
    name: `send to a garage of ${options.teamMembers} members vs of 1: delivery p50 / p99 of each round`,
    value: `${fmt.ms(many.delivery[0])} vs ${fmt.ms(one.delivery[0])}`,
    detail: `1 member: ${latencyText(one.delivery)} · ${options.teamMembers} members: ${latencyText(many.delivery)}; ack p50 / p99: ${latencyText(one.ack)} vs ${latencyText(many.ack)}`,
  });
}
