// The reconnect storm: half of the connected users drop at once, come back (each after the web
// app's randomised reconnection delay) and catch up with
// `GET /api/messages/conversation/:userId?after=<last seen id>` page by page, as the web app
// does, while messages keep flowing; then every user catches up at the same moment.
import type { MessageView, Page } from '@promoto/shared-dto';
import { randomBytes } from 'node:crypto';
import { reconnectionDelay } from '../../../apps/web/src/app/core/realtime/reconnection.js';
import { LIMITS } from '../../../libs/shared/dto/src/lib/limits.js';
import { partyOf, type BenchUser } from './fixtures.mjs';
import { closeSockets, connectSockets, type ChatSocket } from './load.mjs';
import { fmt, judge } from './report.mjs';
import { timedRequest } from './rest.mjs';
import { distribution, sleep } from './stats.mjs';
import type { ApiContext } from './steps.mjs';

/** Issue 9: during the storm every send is acknowledged within this, ms. */
const ACK_TARGET_MS = 1000;
/** Issue 9: all users catching up at once finish within this, ms. */
const CATCH_UP_ALL_TARGET_MS = 5000;
/** A catch-up still running after this long is given up (and reported): the run must end. */
const CATCH_UP_LIMIT_MS = 60_000;
/** Messages already in each conversation: the dropped users have seen them. */
const HISTORY_PER_CONVERSATION = 20;

interface Flow {
  scheduled: number[];
  ackAt: number[];
  /** Per send: 0 waiting, 1 stored, 2 refused. */
  ackState: number[];
  /** The stored message's id, from the ack. */
  messageId: string[];
  /** Per send: seen by its recipient live on a socket, or in a catch-up page. */
  seen: Set<number>;
  /** Every message id seen per send: more than one means it was stored twice. */
  idsBySeq: Map<number, Set<string>>;
  firstAckError: string | null;
}

export async function stormStep(context: ApiContext): Promise<void> {
  const { options, api, fixtures, report } = context;
  const pairCount = options.stormUsers / 2;
  // Each pair: a client who stays connected and sends, a garagiste who drops and catches up.
  const stayers = await fixtures.createUsers(pairCount, 'client', 'storm');
  const droppers = await fixtures.createUsers(pairCount, 'garagiste', 'storm');
  const conversations = await fixtures.createConversations(
    stayers.map((stayer, pair) => [stayer, droppers[pair]]),
    HISTORY_PER_CONVERSATION,
  );
  const seededNewest = conversations.map((conversation) => conversation.newest?.toHexString() ?? '');
  const lastSeen = [...seededNewest];
  const tag = `storm-${randomBytes(3).toString('hex')}-`;
  const flow: Flow = {
    scheduled: [],
    ackAt: [],
    ackState: [],
    messageId: [],
    seen: new Set(),
    idsBySeq: new Map(),
    firstAckError: null,
  };
  const handshake = (user: BenchUser) => ({ token: user.token });
  const noteSeen = (pair: number, message: MessageView) => {
    if (message.id > lastSeen[pair]) lastSeen[pair] = message.id;
    if (!message.clientMessageId?.startsWith(tag)) return;
    const seq = Number(message.clientMessageId.slice(tag.length));
    flow.seen.add(seq);
    const ids = flow.idsBySeq.get(seq) ?? new Set<string>();
    ids.add(message.id);
    flow.idsBySeq.set(seq, ids);
  };
  const listen = (socket: ChatSocket, pair: number) =>
    socket.on('new-message', (message) => {
      if (message.recipientId === partyOf(droppers[pair]).toHexString()) noteSeen(pair, message);
    });
  const join = async (socket: ChatSocket, partner: BenchUser) => {
    const ack = await socket.timeout(30_000).emitWithAck('join-room', { userId: partner.id });
    if (!ack.ok) throw new Error(`join-room refused: ${ack.error.code} ${ack.error.message}`);
  };

  const senders = await connectSockets(api.url, stayers, handshake, options.connectConcurrency);
  let receivers = await connectSockets(api.url, droppers, handshake, options.connectConcurrency);
  try {
    await Promise.all(senders.map((socket, pair) => join(socket, droppers[pair])));
    await Promise.all(
      receivers.map((socket, pair) => {
        listen(socket, pair);
        return join(socket, stayers[pair]);
      }),
    );

    // The flow: open-loop, send k from stayer k mod pairs, until told to stop.
    const content = 'Le véhicule est prêt, vous pouvez passer le récupérer.';
    const interval = 1000 / options.stormRate;
    const start = performance.now() + 20;
    let sent = 0;
    let flowing = true;
    const emit = (seq: number) => {
      const pair = seq % pairCount;
      flow.scheduled[seq] = start + seq * interval;
      flow.ackState[seq] = 0;
      senders[pair].emit(
        'send-message',
        { recipientId: droppers[pair].id, content, clientMessageId: `${tag}${seq}` },
        (ack) => {
          flow.ackAt[seq] = performance.now();
          flow.ackState[seq] = ack.ok ? 1 : 2;
          if (ack.ok) flow.messageId[seq] = ack.message.id;
          else flow.firstAckError ??= `${ack.error.code}: ${ack.error.message}`;
        },
      );
    };
    const flowDone = new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (flowing && start + sent * interval <= now) emit(sent++);
        if (!flowing) return resolve();
        setTimeout(tick, Math.max(1, start + sent * interval - performance.now()));
      };
      setTimeout(tick, 20);
    });

    await sleep(options.stormWarmup * 1000);
    const droppedAt = performance.now();
    closeSockets(receivers);
    await sleep(options.stormOffline * 1000);
    const reconnectedAt = performance.now();
    const catchUps = await Promise.all(
      droppers.map(async (dropper, pair) => {
        // What the client held when it dropped: messages arriving on the new socket before the
        // catch-up starts must not move the catch-up past the gap.
        const heldNewest = lastSeen[pair];
        await sleep(reconnectionDelay(0));
        const started = performance.now();
        const [socket] = await connectSockets(api.url, [dropper], handshake, 1);
        listen(socket, pair);
        await join(socket, stayers[pair]);
        const connectedMs = performance.now() - started;
        const { pages, finished } = await catchUp(
          api.url,
          dropper,
          stayers[pair],
          heldNewest,
          reconnectedAt + CATCH_UP_LIMIT_MS,
          (message) => noteSeen(pair, message),
        );
        return { socket, connectedMs, pages, finished, ms: performance.now() - started };
      }),
    );
    receivers = catchUps.map(({ socket }) => socket);
    const caughtUpAt = performance.now();
    await sleep(options.stormTail * 1000);
    flowing = false;
    await flowDone;

    // Late acks and deliveries.
    const settled = () => flow.ackState.every((state, seq) => state === 2 || (state === 1 && flow.seen.has(seq)));
    const deadline = performance.now() + options.drainTimeout;
    while (!settled() && performance.now() < deadline) await sleep(50);
    await sleep(200);

    const inStorm = flow.scheduled
      .map((at, seq) => ({ at, seq }))
      .filter(({ at }) => at >= droppedAt && at <= caughtUpAt);
    const ackMs = (seq: number) =>
      flow.ackState[seq] === 0 ? Number.POSITIVE_INFINITY : flow.ackAt[seq] - flow.scheduled[seq];
    const stormAcks = inStorm.map(({ seq }) => ackMs(seq));
    const slow = stormAcks.filter((ms) => ms > ACK_TARGET_MS).length;
    const worst = Math.max(0, ...stormAcks);
    // A message its recipient never saw is lost, unless that recipient's catch-up was given up.
    const unseen = flow.ackState
      .map((state, seq) => ({ state, seq }))
      .filter(({ state, seq }) => state === 1 && !flow.seen.has(seq));
    const lost = unseen.filter(({ seq }) => catchUps[seq % pairCount].finished).length;
    const unverified = unseen.length - lost;
    const unfinished = catchUps.filter(({ finished }) => !finished).length;
    const duplicated = [...flow.idsBySeq.values()].filter((ids) => ids.size > 1).length;
    const refused = flow.ackState.filter((state) => state === 2).length;
    const unacked = flow.ackState.filter((state) => state === 0).length;
    const allAcks = distribution(flow.ackState.map((_, seq) => ackMs(seq)).filter(Number.isFinite));
    const catchUpMs = distribution(catchUps.map(({ ms }) => ms));
    const connectMs = distribution(catchUps.map(({ connectedMs }) => connectedMs));
    const pages = catchUps.reduce((total, { pages }) => total + pages, 0);

    // Then everyone, both sides of every pair, catches up on the whole step at the same moment.
    const everyone = [
      ...stayers.map((user, pair) => ({ user, partner: droppers[pair], pair })),
      ...droppers.map((user, pair) => ({ user, partner: stayers[pair], pair })),
    ];
    const ackedByPair = new Map<number, Set<string>>();
    flow.ackState.forEach((state, seq) => {
      if (state !== 1) return;
      const ids = ackedByPair.get(seq % pairCount) ?? new Set<string>();
      ids.add(flow.messageId[seq]);
      ackedByPair.set(seq % pairCount, ids);
    });
    const allStarted = performance.now();
    const all = await Promise.all(
      everyone.map(async ({ user, partner, pair }) => {
        const found = new Set<string>();
        const started = performance.now();
        const { finished } = await catchUp(
          api.url,
          user,
          partner,
          seededNewest[pair],
          allStarted + CATCH_UP_LIMIT_MS,
          (message) => found.add(message.id),
        );
        const missing = finished ? [...(ackedByPair.get(pair) ?? [])].filter((id) => !found.has(id)).length : 0;
        return { ms: performance.now() - started, missing, finished };
      }),
    );
    const allSeconds = (performance.now() - allStarted) / 1000;
    const allMissing = all.reduce((total, { missing }) => total + missing, 0);
    const allUnfinished = all.filter(({ finished }) => !finished).length;
    const each = distribution(all.map(({ ms }) => ms));

    const clean = lost === 0 && unverified === 0 && duplicated === 0 && refused === 0 && unacked === 0;
    const givenUp = (count: number) =>
      count > 0 ? `; ${fmt.count(count)} given up after ${CATCH_UP_LIMIT_MS / 1000} s` : '';
    report.record('storm', {
      users: options.stormUsers,
      dropped: pairCount,
      rate: options.stormRate,
      sent,
      stormSends: inStorm.length,
      slow,
      worstAckMs: worst,
      acks: allAcks,
      lost,
      unverified,
      unfinishedCatchUps: unfinished,
      duplicated,
      refused,
      unacked,
      firstAckError: flow.firstAckError,
      offlineSeconds: (reconnectedAt - droppedAt) / 1000,
      stormSeconds: (caughtUpAt - droppedAt) / 1000,
      reconnect: connectMs,
      catchUp: catchUpMs,
      catchUpPages: pages,
      allAtOnce: { seconds: allSeconds, each, missing: allMissing, unfinished: allUnfinished },
    });
    const scene = `${fmt.count(options.stormUsers)} users, ${fmt.count(pairCount)} reconnect, ${fmt.rate(options.stormRate)}`;
    report.add({
      step: 'storm',
      name: `reconnect storm: sends acknowledged within 1 s (${scene})`,
      value: `worst ${fmt.ms(worst)}, ${fmt.count(slow)} of ${fmt.count(inStorm.length)} over 1 s`,
      target: '0 over 1 s, 0 lost, 0 dup',
      status: judge(slow === 0 && inStorm.length > 0 && clean),
      detail:
        `lost ${lost}${unverified > 0 ? ` (and ${unverified} unverified: their catch-up was given up)` : ''}, duplicated ${duplicated}, refused ${refused}${flow.firstAckError ? ` (${flow.firstAckError})` : ''}, never acked ${unacked}; ` +
        `all ${fmt.count(sent)} sends: ack p50 ${fmt.ms(allAcks.p50)} · p99 ${fmt.ms(allAcks.p99)}; ` +
        `storm ${fmt.seconds((caughtUpAt - droppedAt) / 1000)} from the drop to the last catch-up`,
    });
    report.add({
      step: 'storm',
      name: 'reconnect storm: reconnect and catch up (each)',
      value: fmt.ms(catchUpMs.p99),
      detail: `p99 of ${fmt.count(pairCount)}, handshake and join-room, then ${fmt.count(pages)} pages in all; p50 ${fmt.ms(catchUpMs.p50)}, max ${fmt.ms(catchUpMs.max)}; handshake+join p99 ${fmt.ms(connectMs.p99)}${givenUp(unfinished)}`,
    });
    report.add({
      step: 'storm',
      name: `${fmt.count(everyone.length)} catch-ups at once`,
      value: allUnfinished > 0 ? `> ${fmt.seconds(CATCH_UP_LIMIT_MS / 1000)}` : fmt.seconds(allSeconds),
      target: `< ${CATCH_UP_ALL_TARGET_MS / 1000} s, none missing`,
      status: judge(allSeconds * 1000 < CATCH_UP_ALL_TARGET_MS && allMissing === 0 && allUnfinished === 0),
      detail: `each: p50 ${fmt.ms(each.p50)} · max ${fmt.ms(each.max)}; acknowledged messages missing from them: ${allMissing}${givenUp(allUnfinished)}`,
    });
  } finally {
    closeSockets(senders);
    closeSockets(receivers);
    await sleep(500);
  }
}

/**
 * What the web app does after a reconnection: `after` the newest message it holds, page by page.
 * Gives up at `deadline` (performance.now() time) and says whether it got to the end.
 */
async function catchUp(
  url: string,
  user: BenchUser,
  partner: BenchUser,
  after: string,
  deadline: number,
  onMessage: (message: MessageView) => void,
): Promise<{ pages: number; finished: boolean }> {
  let cursor: string | null = after;
  let pages = 0;
  try {
    while (cursor) {
      const { body }: { body: Page<MessageView> } = await timedRequest<Page<MessageView>>(
        `${url}/api/messages/conversation/${partner.id}?after=${cursor}&limit=${LIMITS.historyPageMaxSize}`,
        user.token,
        { signal: AbortSignal.timeout(Math.max(1, Math.round(deadline - performance.now()))) },
      );
      pages += 1;
      body.items.forEach(onMessage);
      cursor = body.nextCursor;
    }
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return { pages, finished: false };
  }
  return { pages, finished: true };
}
