// The open-loop load harness: sends go out at fixed times whatever the answers, so a slow server
// shows up as latency and backlog, not as a politely lower rate. Senders and recipients live in
// this process, so send→receive latency is read on one clock.
import { PromotoClient, type PromotoError } from '@promoto/client';
import type { ClientToServerEvents, MessageView, SendMessageRequest, ServerToClientEvents } from '@promoto/shared-dto';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { partyOf, type BenchUser } from './fixtures.mjs';
import { cpuSeconds, UsageWindow } from './procstat.mjs';
import { distribution, mapLimit, sleep, type Distribution } from './stats.mjs';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A send's fate: acknowledged as stored, or why not. */
export type SendOutcome = { ok: true } | { ok: false; error: string };

/**
 * One user's connection as the load drives it: how it sends, and its socket, on which the load
 * counts every `new-message` the server delivers (duplicates included).
 */
export interface LoadLink {
  socket: ChatSocket;
  send(request: SendMessageRequest): Promise<SendOutcome>;
  close(): void;
}

/** What the harness drives: the API or the bare relay. */
export interface Endpoint {
  name: string;
  url: string;
  /** The server process first; its database, when it has one, second. */
  pids: number[];
  /** One link per user, `concurrency` handshakes at a time; all closed on failure. */
  connect(users: BenchUser[], concurrency: number): Promise<LoadLink[]>;
  /**
   * The server's event-loop delay p99 (ms) since the previous call, when it reports one: high
   * means it was short of CPU, low with high latency means it was waiting (on its database).
   */
  loopDelayP99?(): Promise<number | null>;
}

export interface LoadSettings {
  p99Limit: number;
  drainTimeout: number;
  contentLength: number;
}

export interface StepResult {
  endpoint: string;
  rate: number;
  plannedSeconds: number;
  /** The step stopped sending early: too many messages were already later than the p99 limit for it to pass. */
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
  /** Sends answered per second, first scheduled send to the last ack, backlog included: what the server sustained. */
  processedRate: number;
  /** The harness's own event-loop delay, p99 ms: high values mean the bench itself was short of CPU. */
  harnessLoopDelayP99: number;
  serverLoopDelayP99: number | null;
  maxSendLagMs: number;
  serverCpuPercent: number;
  serverPeakRssBytes: number;
  dbCpuPercent: number | null;
  /** CPU milliseconds per send answered during the step (backlog excluded). */
  serverCpuMsPerMessage: number;
  dbCpuMsPerMessage: number | null;
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

export function closeLinks(links: LoadLink[]): void {
  for (const link of links) link.close();
}

/** Links over bare sockets: each send is emitted once and answered by its acknowledgement. */
export async function connectSocketLinks(
  url: string,
  users: BenchUser[],
  handshake: (user: BenchUser) => Record<string, unknown>,
  concurrency: number,
): Promise<LoadLink[]> {
  const sockets = await connectSockets(url, users, handshake, concurrency);
  return sockets.map((socket) => ({
    socket,
    send: (request) =>
      new Promise<SendOutcome>((resolve) =>
        socket.emit('send-message', request, (ack) =>
          resolve(ack.ok ? { ok: true } : { ok: false, error: `${ack.error.code}: ${ack.error.message}` }),
        ),
      ),
    close: () => socket.close(),
  }));
}

/**
 * Links through @promoto/client, as another team's service would talk to the API: sends retried
 * with their clientMessageId until acknowledged (a refusal that passes, such as RATE_LIMITED, is
 * sent again rather than counted as an error). No catch-up and no reconnection: a dropped socket
 * must show up as lost messages here, not be repaired by the client.
 */
export async function connectClientLinks(url: string, users: BenchUser[], concurrency: number): Promise<LoadLink[]> {
  const opened: PromotoClient[] = [];
  try {
    return await mapLimit(users, concurrency, async (user) => {
      const client = new PromotoClient({
        baseUrl: url,
        catchUp: false,
        // Far above any step's drain: a send is not emitted twice because the server is slow.
        ackTimeoutMs: 600_000,
        socket: { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30_000 },
      });
      opened.push(client);
      client.useSession({
        accessToken: user.token,
        user: { id: user.id, email: '', name: user.name, role: user.role },
      });
      await client.connect();
      return {
        socket: client.socket,
        send: (request) =>
          client.send(request).then(
            (): SendOutcome => ({ ok: true }),
            (error: PromotoError): SendOutcome => ({ ok: false, error: `${error.code}: ${error.message}` }),
          ),
        close: () => client.close(),
      };
    });
  } catch (error) {
    for (const client of opened) client.close();
    throw error;
  }
}

/** The event-loop monitor's sampling period; each sample includes it, so it is taken off. */
const LOOP_RESOLUTION_MS = 10;

/** After an overloaded step, wait for the server to work off its backlog, at most this long. */
const QUIET_MAX_MS = 180_000;
/** CPU seconds per second (server and database together) under which the server counts as idle. */
const IDLE_CPU = 0.05;

const CONTENT_SEED = 'Bonjour, la voiture est prête ? Je peux passer la chercher demain matin vers 9 h. ';

interface ActiveStep {
  prefix: string;
  scheduled: Float64Array;
  recvAt: Float64Array;
  recvCount: Uint8Array;
  lateLimit: number;
  /** Messages received later than lateLimit after their scheduled send. */
  lateReceived: number;
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
    private readonly links: LoadLink[],
    private readonly settings: LoadSettings,
  ) {
    this.content = CONTENT_SEED.repeat(Math.ceil(settings.contentLength / CONTENT_SEED.length)).slice(
      0,
      settings.contentLength,
    );
    links.forEach(({ socket }, index) => {
      // A message to a garagiste names their garage as its recipient.
      const mySide = partyOf(users[index]).toHexString();
      socket.on('new-message', (message: MessageView) => this.onMessage(mySide, message));
    });
  }

  private partner(index: number): BenchUser {
    return this.users[index ^ 1];
  }

  private onMessage(mySide: string, message: MessageView): void {
    const step = this.active;
    // The sender's own socket gets its message too (every tab of both sides): only the recipient counts.
    if (!step || message.recipientId !== mySide || !message.clientMessageId?.startsWith(step.prefix)) return;
    const seq = Number(message.clientMessageId.slice(step.prefix.length));
    if (step.recvCount[seq] === 0) {
      step.recvAt[seq] = performance.now();
      if (step.recvAt[seq] - step.scheduled[seq] > step.lateLimit) step.lateReceived += 1;
    }
    step.recvCount[seq] = Math.min(255, step.recvCount[seq] + 1);
  }

  /** Every socket asks to join its conversation, as a user opening it would. */
  async join(concurrency: number): Promise<void> {
    await mapLimit(this.links, concurrency, async ({ socket }, index) => {
      const ack = await socket.timeout(30_000).emitWithAck('join-room', { userId: this.partner(index).id });
      if (!ack.ok) throw new Error(`join-room refused: ${ack.error.code} ${ack.error.message}`);
    });
  }

  /**
   * Waits while `pending` holds and the server (with its database) keeps using CPU: a slow server
   * may take minutes over a backlog, and one that went idle will not answer any more.
   */
  private async waitUntilIdle(pending: () => boolean): Promise<void> {
    const cpu = () => this.endpoint.pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
    const deadline = performance.now() + QUIET_MAX_MS;
    let previous = cpu();
    let idleSeconds = 0;
    while (pending() && idleSeconds < 2 && performance.now() < deadline) {
      await sleep(1000);
      const current = cpu();
      idleSeconds = current - previous < IDLE_CPU ? idleSeconds + 1 : 0;
      previous = current;
    }
  }

  async run(rate: number, seconds: number): Promise<StepResult> {
    const { drainTimeout, p99Limit } = this.settings;
    const planned = Math.max(1, Math.round(rate * seconds));
    // Nearest-rank p99 stays under the limit while at most this many messages are later than it.
    const lateBudget = planned - Math.ceil(0.99 * planned);
    const interval = 1000 / rate;
    const prefix = `${this.runTag}-${++this.stepCount}-`;
    const scheduled = new Float64Array(planned);
    const ackAt = new Float64Array(planned);
    const ackState = new Uint8Array(planned); // 0 waiting, 1 stored, 2 refused
    const step: ActiveStep = {
      prefix,
      scheduled,
      recvAt: new Float64Array(planned),
      recvCount: new Uint8Array(planned),
      lateLimit: p99Limit,
      lateReceived: 0,
    };
    this.active = step;
    let firstAckError: string | null = null;
    let maxSendLagMs = 0;
    let sent = 0;
    let oldestUnreceived = 0;
    let abortedAt: number | null = null;

    /** Late so far: received late, plus not received and already past the limit (counted up to the budget). */
    const lateCount = (now: number) => {
      while (oldestUnreceived < sent && step.recvCount[oldestUnreceived] > 0) oldestUnreceived += 1;
      let late = step.lateReceived;
      for (let seq = oldestUnreceived; seq < sent && late <= lateBudget && now - scheduled[seq] > p99Limit; seq += 1) {
        if (step.recvCount[seq] === 0) late += 1;
      }
      return late;
    };

    await this.endpoint.loopDelayP99?.();
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    const usage = new UsageWindow(this.endpoint.pids);
    const start = performance.now() + 20;

    const emit = (seq: number) => {
      const index = seq % this.links.length;
      scheduled[seq] = start + seq * interval;
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - scheduled[seq]);
      void this.links[index]
        .send({ recipientId: this.partner(index).id, content: this.content, clientMessageId: `${prefix}${seq}` })
        .then((outcome) => {
          ackAt[seq] = performance.now();
          ackState[seq] = outcome.ok ? 1 : 2;
          if (!outcome.ok && firstAckError === null) firstAckError = outcome.error;
        });
    };

    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (sent < planned && start + sent * interval <= now) emit(sent++);
        // Once the step cannot pass, more sends would only pile up a backlog the next step inherits.
        if (lateCount(now) > lateBudget) {
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
    const processes = usage.stop();
    const answeredInStep = ackState.subarray(0, sent).filter((state) => state !== 0).length;
    loopDelay.disable();
    const serverLoopDelayP99 = (await this.endpoint.loopDelayP99?.()) ?? null;
    // Sends still queued in the server would skew the next step: let it work them off first. The
    // figures below include them (late acks and deliveries still count, at their real latency).
    await this.waitUntilIdle(() => ackState.subarray(0, sent).includes(0));
    // Duplicates would arrive just after the first copy: give them a moment.
    await sleep(200);
    this.active = null;

    const delivery: number[] = [];
    const ack: number[] = [];
    let acked = 0;
    let ackErrors = 0;
    let received = 0;
    let lost = 0;
    let duplicated = 0;
    let lastReceived = start;
    let lastAnswer = start;
    for (let seq = 0; seq < sent; seq += 1) {
      if (ackState[seq] !== 0) {
        ack.push(ackAt[seq] - scheduled[seq]);
        lastAnswer = Math.max(lastAnswer, ackAt[seq]);
      }
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
      processedRate: (acked + ackErrors) / Math.max(0.001, (lastAnswer - start) / 1000),
      harnessLoopDelayP99: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      serverLoopDelayP99,
      maxSendLagMs,
      serverCpuPercent: server?.cpuPercent ?? Number.NaN,
      serverPeakRssBytes: server?.peakRssBytes ?? Number.NaN,
      dbCpuPercent: database?.cpuPercent ?? null,
      serverCpuMsPerMessage: ((server?.cpuSeconds ?? Number.NaN) * 1000) / answeredInStep,
      dbCpuMsPerMessage: database ? (database.cpuSeconds * 1000) / answeredInStep : null,
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
 * Starts from the delivery step's result: multiplies the rate while probes pass, lowers it while
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
  let lastFailing = first;
  const probes: StepResult[] = [];
  while (probes.length < options.maxProbes) {
    let rate: number;
    if (fail === null && pass !== null) {
      if (pass >= options.maxRate) break;
      rate = Math.min(options.maxRate, Math.round(pass * options.factor));
    } else if (pass === null && fail !== null) {
      if (fail <= options.minRate) break;
      // Far above capacity, dividing by the factor takes many probes: aim under what the server sustained.
      const sustained = Math.floor(0.8 * lastFailing.processedRate);
      rate = Math.max(options.minRate, Math.min(Math.round(fail / options.factor), sustained));
    } else if (pass !== null && fail !== null && fail / pass > Math.sqrt(options.factor) * 1.01) {
      rate = Math.round(Math.sqrt(pass * fail));
    } else {
      break;
    }
    const result = await load.run(rate, options.seconds);
    log(result);
    probes.push(result);
    if (result.passed) pass = Math.max(pass ?? 0, rate);
    else {
      fail = Math.min(fail ?? Number.POSITIVE_INFINITY, rate);
      lastFailing = result;
    }
    await sleep(500);
  }
  return { ceiling: pass, firstFailing: fail, probes };
}
