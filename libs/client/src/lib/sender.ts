import type { MessageView, SendMessageRequest } from '@promoto/shared-dto';
import type { Connection } from './connection';
import { PromotoError, RETRYABLE_CODES } from './errors';

export interface SendSettings {
  /** How long a send waits for its acknowledgement before it is sent again, same clientMessageId. */
  ackTimeoutMs: number;
  /** The pause before sending again after a retryable refusal (doubled each time, up to 30 s). */
  retryDelayMs: number;
}

export interface SendOptions {
  /** Gives up (the promise rejects with ABORTED); the message may have been stored meanwhile. */
  signal?: AbortSignal;
}

const MAX_RETRY_DELAY_MS = 30_000;

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new PromotoError('ABORTED', 'The send was aborted.'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });

/** A clientMessageId: random, so that a retry from this client is recognised and stored once. */
export const newClientMessageId = (): string => globalThis.crypto.randomUUID();

/**
 * Sends a message over the socket until it is acknowledged: with the same clientMessageId each
 * time, so that the API stores it once however often it arrives. A send waits for the connection,
 * is sent again when its acknowledgement does not come in time (the connection was lost, or the
 * server is slow) and after a refusal that passes (DATABASE_UNAVAILABLE, RATE_LIMITED, …); any
 * other refusal rejects with its PromotoError (VALIDATION_FAILED, FORBIDDEN, …), as does a
 * connection that will not come back (SESSION_REPLACED, CLOSED).
 */
export async function sendUntilAcknowledged(
  connection: Connection,
  request: SendMessageRequest,
  settings: SendSettings,
  { signal }: SendOptions = {},
): Promise<MessageView> {
  const payload = { ...request, clientMessageId: request.clientMessageId ?? newClientMessageId() };
  for (let refusals = 0; ; ) {
    if (signal?.aborted) throw new PromotoError('ABORTED', 'The send was aborted.');
    await connection.connected(signal);
    const answer = await connection.socket
      .timeout(settings.ackTimeoutMs)
      .emitWithAck('send-message', payload)
      .catch(() => null);
    if (answer === null) continue;
    if (answer.ok) return answer.message;
    if (!RETRYABLE_CODES.has(answer.error.code)) throw PromotoError.from(answer.error);
    await pause(Math.min(settings.retryDelayMs * 2 ** refusals, MAX_RETRY_DELAY_MS), signal);
    refusals += 1;
  }
}
