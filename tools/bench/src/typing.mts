// Issue 10's typing flood: one socket fires `typing` events at its partner as fast as it can
// while another pair chats; the flood must not slow that pair down.
import { closeLinks, PairLoad } from './load.mjs';
import { fmt, judge } from './report.mjs';
import { sleep } from './stats.mjs';
import { apiEndpoint, type ApiContext } from './steps.mjs';

/** Issue 10: the other pair's send→receive p95 during the flood, ms. */
const OTHER_PAIR_P95_TARGET_MS = 150;
/** The flood starts once the measured pair has settled into its rhythm. */
const FLOOD_DELAY_MS = 500;

export async function typingStep(context: ApiContext): Promise<void> {
  const { options, fixtures, report } = context;
  const [flooder, chatter] = await fixtures.createUsers(2, 'client', 'typing');
  const [target, partner] = await fixtures.createUsers(2, 'garagiste', 'typing');
  await fixtures.createConversations([
    [flooder, target],
    [chatter, partner],
  ]);
  const users = [flooder, target, chatter, partner];
  const endpoint = apiEndpoint(context);
  const links = await endpoint.connect(users, 4);
  try {
    const [flooderSocket, targetSocket] = links.map((link) => link.socket);
    let relayed = 0;
    targetSocket.on('typing', (event) => {
      if (event.userId === flooder.id) relayed += 1;
    });
    // Users in pairs as PairLoad expects them; only the chatting pair sends messages. No p99 limit:
    // the step must run to its end whatever the latency.
    const load = new PairLoad(endpoint, users.slice(2), links.slice(2), {
      p99Limit: Number.POSITIVE_INFINITY,
      drainTimeout: options.drainTimeout,
      contentLength: options.contentLength,
    });
    await load.join(4);
    for (const [socket, other] of [
      [flooderSocket, target],
      [targetSocket, flooder],
    ] as const) {
      const ack = await socket.timeout(30_000).emitWithAck('join-room', { userId: other.id });
      if (!ack.ok) throw new Error(`join-room refused: ${ack.error.code} ${ack.error.message}`);
    }

    const codes = new Map<string, number>();
    let accepted = 0;
    let unanswered = 0;
    let floodMs = 0;
    const flood = sleep(FLOOD_DELAY_MS).then(async () => {
      const started = performance.now();
      const acks = await Promise.all(
        Array.from({ length: options.typingEvents }, (_, i) =>
          flooderSocket
            .timeout(options.drainTimeout)
            .emitWithAck('typing', { recipientId: target.id, isTyping: i % 2 === 0 })
            .catch(() => null),
        ),
      );
      floodMs = performance.now() - started;
      for (const ack of acks) {
        if (ack === null) unanswered += 1;
        else if (ack.ok) accepted += 1;
        else codes.set(ack.error.code, (codes.get(ack.error.code) ?? 0) + 1);
      }
    });
    const measured = await load.run(options.typingPairRate, options.typingDuration);
    await flood;
    await sleep(200);

    const refused = [...codes.values()].reduce((total, count) => total + count, 0);
    const rateLimited = codes.get('RATE_LIMITED') ?? 0;
    const otherCodes = [...codes].filter(([code]) => code !== 'RATE_LIMITED');
    report.record('typing', {
      events: options.typingEvents,
      accepted,
      refused: Object.fromEntries(codes),
      unanswered,
      relayed,
      floodMs,
      measured,
    });
    const clean =
      measured.lost === 0 && measured.duplicated === 0 && measured.unacked === 0 && measured.ackErrors === 0;
    report.add({
      step: 'typing',
      name: `typing flood (${fmt.count(options.typingEvents)} events): another pair's delivery p95`,
      value: fmt.ms(measured.deliveryMs.p95),
      target: `< ${OTHER_PAIR_P95_TARGET_MS} ms`,
      status: judge(measured.deliveryMs.p95 < OTHER_PAIR_P95_TARGET_MS && clean),
      detail:
        `${fmt.count(measured.received)} of ${fmt.count(measured.sent)} messages at ${fmt.rate(options.typingPairRate)} over ${options.typingDuration} s; ` +
        `p50 ${fmt.ms(measured.deliveryMs.p50)} · max ${fmt.ms(measured.deliveryMs.max)}; lost ${measured.lost}, errors ${measured.ackErrors}, never acked ${measured.unacked}`,
    });
    report.add({
      step: 'typing',
      name: 'typing flood: events accepted / refused',
      value: `${fmt.count(accepted)} / ${fmt.count(refused)}`,
      detail:
        `RATE_LIMITED ${fmt.count(rateLimited)}${otherCodes.map(([code, count]) => `, ${code} ${fmt.count(count)}`).join('')}; ` +
        `unanswered ${fmt.count(unanswered)}; relayed to the partner ${fmt.count(relayed)}; all answered in ${fmt.seconds(floodMs / 1000)}`,
    });
  } finally {
    closeLinks(links);
    await sleep(500);
  }
}
