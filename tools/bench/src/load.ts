// The open-loop load harness: sends go out at fixed times whatever the answers, so a slow server
// shows up as latency and backlog, not as a politely lower rate. Senders and recipients live in
// this process, so send→receive latency is read on one clock.
import type { ClientToServerEvents, MessageView, ServerToClientEvents } from '@promoto/shared-dto';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { BenchUser } from './fixtures.js';
import { UsageWindow } from './procstat.js';
import { distribution, mapLimit, sleep, type Distribution } from './stats.js';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the harness drives: the API or the bare relay. */
export interface Endpoint {
  name: string;
  url: string;
  /** The server process first; its database, when it has one, second. */
  pids: number[];
  handshake(user: BenchUser): Record<string, unknown>;
}

export interface LoadSettings {
  p99Limit: number;
  abortBacklog: number;
  drainTimeout: number;
  contentLength: number;
}

export interface StepResult {
  endpoint: string;
  rate: number;
  plannedSeconds: number;
  /** The step stopped sending early: its oldest send had waited longer than abortBacklog for an ack. */
  abortedAfterSeconds: number | null;
  planned: number;
  sent: number;
  acked: number;
  ackErrors: number;
  firstAckError: string | null;
  unacked: number;
  received: number;
  /** Acknowledged as stored but never received by the recipient. */
  lost: number;
  /** Messages the recipient received more than once. */
  duplicated: number;
  deliveryMs: Distribution;
  ackMs: Distribution;
  /** Sends per second actually emitted over the sending window. */
  achievedRate: number;
  /** Messages received per second, first scheduled send to last reception. */
  deliveredRate: number;
  /** The harness's own event-loop delay, p99 ms: high values mean the bench itself was short of CPU. */
  harnessLoopDelayP99: number;
  maxSendLagMs: number;
  serverCpuPercent: number;
  serverPeakRssBytes: number;
  dbCpuPercent: number | null;
  passed: boolean;
}

/** Opens one websocket per user, `concurrency` handshakes at a time; closes them all on failure. */
export async function connectSockets(
  url: string,
  users: BenchUser[],
  handshake: (user: BenchUser) => Record<string, unknown>,
  concurrency: number,
): Promise<ChatSocket[]> {
  const opened: ChatSocket[] = [];
  try {
    return await mapLimit(users, concurrency, (user) => {
      const socket: ChatSocket = io(url, {
        transports: ['websocket'],
        auth: handshake(user),
        reconnection: false,
        forceNew: true,
        timeout: 30_000,
      });
      opened.push(socket);
      return new Promise<ChatSocket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => reject(new Error(`socket of ${user.id} refused: ${error.message}`)));
      });
    });
  } catch (error) {
    closeSockets(opened);
    throw error;
  }
}

export function closeSockets(sockets: ChatSocket[]): void {
  for (const socket of sockets) socket.close();
}

const CONTENT_SEED = 'Bonjour, la voiture est prête ? Je peux passer la chercher demain matin vers 9 h. ';

interface ActiveStep {
  prefix: string;
  recvAt: Float64Array;
  recvCount: Uint8Array;
}

/**
 * Users in pairs (users[2i] with users[2i+1]), each on its own socket. Message k of a step goes
 * from users[k mod N] to its partner, so every user sends at R/N per second.
 */
export class PairLoad {
  private readonly runTag = randomBytes(4).toString('hex');
  private stepCount = 0;
  private active: ActiveStep | null = null;
  private readonly content: string;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly users: BenchUser[],
    private readonly sockets: ChatSocket[],
    private readonly settings: LoadSettings,
  ) {
    this.content = CONTENT_SEED.repeat(Math.ceil(settings.contentLength / CONTENT_SEED.length)).slice(0, settings.contentLength);
    sockets.forEach((socket, index) => {
      const me = users[index].id;
      socket.on('new-message', (message: MessageView) => this.onMessage(me, message));
    });
  }

  private partner(index: number): BenchUser {
    return this.users[index ^ 1];
  }

  private onMessage(me: string, message: MessageView): void {
    const step = this.active;
    // The sender's own socket gets its message too (every tab of both people): only the recipient counts.
    if (!step || message.recipientId !== me || !message.clientMessageId?.startsWith(step.prefix)) return;
    const seq = Number(message.clientMessageId.slice(step.prefix.length));
    if (step.recvCount[seq] === 0) step.recvAt[seq] = performance.now();
    step.recvCount[seq] = Math.min(255, step.recvCount[seq] + 1);
  }

  /** Every socket asks to join its conversation, as a user opening it would. */
  async join(concurrency: number): Promise<void> {
    await mapLimit(this.sockets, concurrency, async (socket, index) => {
      const ack = await socket.timeout(30_000).emitWithAck('join-room', { userId: this.partner(index).id });
      if (!ack.ok) throw new Error(`join-room refused: ${ack.error.code} ${ack.error.message}`);
    });
  }

  async run(rate: number, seconds: number): Promise<StepResult> {
    const { abortBacklog, drainTimeout, p99Limit } = this.settings;
    const planned = Math.max(1, Math.round(rate * seconds));
    const interval = 1000 / rate;
    const prefix = `${this.runTag}.${++this.stepCount}.`;
    const scheduled = new Float64Array(planned);
    const ackAt = new Float64Array(planned);
    const ackState = new Uint8Array(planned); // 0 waiting, 1 stored, 2 refused
    const step: ActiveStep = { prefix, recvAt: new Float64Array(planned), recvCount: new Uint8Array(planned) };
    this.active = step;
    let firstAckError: string | null = null;
    let maxSendLagMs = 0;
    let sent = 0;
    let oldestWaiting = 0;
    let abortedAt: number | null = null;

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const usage = new UsageWindow(this.endpoint.pids);
    const start = performance.now() + 20;

    const emit = (seq: number) => {
      const index = seq % this.sockets.length;
      scheduled[seq] = start + seq * interval;
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - scheduled[seq]);
      this.sockets[index].emit(
        'send-message',
        { recipientId: this.partner(index).id, content: this.content, clientMessageId: `${prefix}${seq}` },
        (ack) => {
          ackAt[seq] = performance.now();
          ackState[seq] = ack.ok ? 1 : 2;
          if (!ack.ok && firstAckError === null) firstAckError = `${ack.error.code}: ${ack.error.message}`;
        },
      );
    };

    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (sent < planned && start + sent * interval <= now) emit(sent++);
        while (oldestWaiting < sent && ackState[oldestWaiting] !== 0) oldestWaiting += 1;
        if (oldestWaiting < sent && now - scheduled[oldestWaiting] > abortBacklog) {
          abortedAt = now;
          return resolve();
        }
        if (sent >= planned) return resolve();
        setTimeout(tick, Math.max(1, start + sent * interval - performance.now()));
      };
      setTimeout(tick, 20);
    });
    const sendEnd = performance.now();

    const settled = () => {
      for (let seq = 0; seq < sent; seq += 1) {
        if (ackState[seq] === 0 || (ackState[seq] === 1 && step.recvCount[seq] === 0)) return false;
      }
      return true;
    };
    const drainDeadline = performance.now() + drainTimeout;
    while (!settled() && performance.now() < drainDeadline) await sleep(20);
    // Duplicates would arrive just after the first copy: give them a moment.
    await sleep(200);
    const processes = usage.stop();
    loopDelay.disable();
    this.active = null;

    const delivery: number[] = [];
    const ack: number[] = [];
    let acked = 0;
    let ackErrors = 0;
    let received = 0;
    let lost = 0;
    let duplicated = 0;
    let lastReceived = start;
    for (let seq = 0; seq < sent; seq += 1) {
      if (ackState[seq] !== 0) ack.push(ackAt[seq] - scheduled[seq]);
      if (ackState[seq] === 1) acked += 1;
      if (ackState[seq] === 2) ackErrors += 1;
      if (step.recvCount[seq] > 0) {
        received += 1;
        delivery.push(step.recvAt[seq] - scheduled[seq]);
        lastReceived = Math.max(lastReceived, step.recvAt[seq]);
      } else if (ackState[seq] === 1) {
        lost += 1;
      }
      if (step.recvCount[seq] > 1) duplicated += 1;
    }
    const unacked = sent - acked - ackErrors;
    // Sends still queued in the server would skew the next step: let them finish first (bounded).
    const quietDeadline = performance.now() + 30_000;
    while (ackState.subarray(0, sent).includes(0) && performance.now() < quietDeadline) await sleep(100);

    const deliveryMs = distribution(delivery);
    const [server, database] = this.endpoint.pids.map((pid) => processes.get(pid));
    const abortedAfterSeconds = abortedAt === null ? null : (abortedAt - start) / 1000;
    return {
      endpoint: this.endpoint.name,
      rate,
      plannedSeconds: seconds,
      abortedAfterSeconds,
      planned,
      sent,
      acked,
      ackErrors,
      firstAckError,
      unacked,
      received,
      lost,
      duplicated,
      deliveryMs,
      ackMs: distribution(ack),
      achievedRate: sent / Math.max(0.001, (sendEnd - start) / 1000),
      deliveredRate: received / Math.max(0.001, (lastReceived - start) / 1000),
      harnessLoopDelayP99: loopDelay.percentile(99) / 1e6,
      maxSendLagMs,
      serverCpuPercent: server?.cpuPercent ?? Number.NaN,
      serverPeakRssBytes: server?.peakRssBytes ?? Number.NaN,
      dbCpuPercent: database?.cpuPercent ?? null,
      passed:
        abortedAfterSeconds === null &&
        sent === planned &&
        ackErrors === 0 &&
        unacked === 0 &&
        lost === 0 &&
        duplicated === 0 &&
        deliveryMs.p99 < p99Limit,
    };
  }
}

export interface CeilingSearch {
  /** Highest passing rate, or null when even the lowest probe failed. */
  ceiling: number | null;
  /** The lowest failing rate seen, or null when the search hit maxRate while passing. */
  firstFailing: number | null;
  probes: StepResult[];
}

/**
 * Starts from the delivery step's result: multiplies the rate while probes pass, divides it while
 * they fail, then tries once between the last pass and the first failure.
 */
export async function findCeiling(
  load: PairLoad,
  first: StepResult,
  options: { seconds: number; factor: number; maxProbes: number; minRate: number; maxRate: number },
  log: (result: StepResult) => void,
): Promise<CeilingSearch> {
  let pass = first.passed ? first.rate : null;
  let fail = first.passed ? null : first.rate;
  const probes: StepResult[] = [];
  while (probes.length < options.maxProbes) {
    let rate: number;
    if (fail === null && pass !== null) {
      if (pass >= options.maxRate) break;
      rate = Math.min(options.maxRate, Math.round(pass * options.factor));
    } else if (pass === null && fail !== null) {
      if (fail <= options.minRate) break;
      rate = Math.max(options.minRate, Math.round(fail / options.factor));
    } else if (pass !== null && fail !== null && fail / pass > Math.sqrt(options.factor) * 1.01) {
      rate = Math.round(Math.sqrt(pass * fail));
    } else {
      break;
    }
    const result = await load.run(rate, options.seconds);
    log(result);
    probes.push(result);
    if (result.passed) pass = Math.max(pass ?? 0, rate);
    else fail = Math.min(fail ?? Number.POSITIVE_INFINITY, rate);
    await sleep(500);
  }
  return { ceiling: pass, firstFailing: fail, probes };
}
