// History pages of one conversation (newest, `before`, `after`) as the database grows.
import type { MessageView, Page } from '@promoto/shared-dto';
import type { BenchUser, SeededConversation } from './fixtures.mjs';
import { fmt, judge } from './report.mjs';
import { timedRequest, timeRepeatedly, type Timing } from './rest.mjs';
import { plan, ratioRow, timingText, type ApiContext } from './steps.mjs';

/** Issue 9: opening a thread of 100,000 messages takes at most this long. */
const NEWEST_TARGET_MS = 30;

export interface HistoryFixture {
  reader: BenchUser;
  other: BenchUser;
  conversation: SeededConversation;
}

export interface HistoryTimings {
  newest: Timing;
  /** The page before the message 10% from the start: 90% of the way back. */
  before: Timing;
  /** What came after the middle message: a long catch-up. */
  after: Timing;
}

export interface HistoryMeasure {
  size: number;
  timings: HistoryTimings;
  fixture: HistoryFixture;
}

/** Seeds a conversation of `size` messages (unread by the garagiste), then times its pages. */
async function measureHistory(context: ApiContext, step: string, size: number): Promise<HistoryMeasure> {
  const { options, api, fixtures, report } = context;
  const notEmpty = (page: Page<MessageView>) => {
    if (page.items.length === 0) throw new Error('a history page came back empty');
  };
  const [client] = await fixtures.createUsers(1, 'client', `history ${size}`);
  const [garagiste] = await fixtures.createUsers(1, 'garagiste', `history ${size}`);
  const conversation = await fixtures.seedConversation(client, garagiste, size, { unreadBy: garagiste });
  report.add({
    step,
    name: `seed ${fmt.count(size)} messages`,
    value: fmt.seconds(conversation.insertSeconds),
    detail: `${fmt.rate(size / conversation.insertSeconds)} documents, insertMany ×${fmt.count(options.seedBatch)}, ${options.seedInFlight} in flight`,
  });
  const base = `${api.url}/api/messages/conversation/${garagiste.id}`;
  const get = (query: string) => () => timedRequest<Page<MessageView>>(`${base}${query}`, client.token);
  const timings: HistoryTimings = {
    newest: await timeRepeatedly(plan(options), get(''), notEmpty),
    before: await timeRepeatedly(
      plan(options),
      get(`?before=${conversation.idAt(Math.floor(size * 0.1)).toHexString()}`),
      notEmpty,
    ),
    after: await timeRepeatedly(
      plan(options),
      get(`?after=${conversation.idAt(Math.floor(size / 2)).toHexString()}`),
      notEmpty,
    ),
  };
  return { size, timings, fixture: { reader: client, other: garagiste, conversation } };
}

function compare(context: ApiContext, step: string, small: HistoryMeasure, large: HistoryMeasure): void {
  const { report } = context;
  const sizes: [number, number] = [small.size, large.size];
  const label = `${fmt.count(large.size)} ÷ ${fmt.count(small.size)} messages`;
  ratioRow(report, step, `history newest page, ${label}`, small.timings.newest, large.timings.newest, sizes);
  ratioRow(report, step, `history page 90% back (before), ${label}`, small.timings.before, large.timings.before, sizes);
  ratioRow(
    report,
    step,
    `history catch-up from the middle (after), ${label}`,
    small.timings.after,
    large.timings.after,
    sizes,
  );
}

/**
 * 4a: the small conversation is seeded and timed first, then the medium one, so that each is read
 * from a database that holds what it would hold at that size.
 */
export async function historyStep(context: ApiContext): Promise<{ small: HistoryMeasure; medium: HistoryMeasure }> {
  const { options, report } = context;
  const small = await measureHistory(context, 'history', options.historySmall);
  const medium = await measureHistory(context, 'history', options.historyMedium);
  report.record('history', {
    small: { size: small.size, ...small.timings },
    medium: { size: medium.size, ...medium.timings },
  });
  compare(context, 'history', small, medium);
  report.add({
    step: 'history',
    name: `history newest page at ${fmt.count(medium.size)} messages`,
    value: fmt.ms(medium.timings.newest.p50),
    target: `≤ ${NEWEST_TARGET_MS} ms`,
    status: judge(medium.timings.newest.p50 <= NEWEST_TARGET_MS),
    detail: `median of ${medium.timings.newest.count}, ${timingText(medium.timings.newest)}`,
  });
  return { small, medium };
}

/** --history-large: the same pages at a million messages, against the history step's small conversation. */
export async function historyLargeStep(context: ApiContext, small: HistoryMeasure | null): Promise<void> {
  const { options, report } = context;
  const base = small ?? (await measureHistory(context, 'history', options.historySmall));
  const large = await measureHistory(context, 'history-large', options.historyLarge);
  report.record('history-large', {
    small: { size: base.size, ...base.timings },
    large: { size: large.size, ...large.timings },
  });
  compare(context, 'history-large', base, large);
}
