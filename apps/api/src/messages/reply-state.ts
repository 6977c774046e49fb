import type { AwaitingReply } from './conversation.schema';
import type { StoredMessage } from './message.schema';

/** Where a client↔garagiste conversation stands for the garage's responsiveness. */
export interface ReplyState {
  awaitingReply?: AwaitingReply;
  lastReplyId?: AwaitingReply['messageId'];
}

export interface ReplyProgress {
  state: ReplyState;
  changed: boolean;
  /** When each new request was made. */
  requests: Date[];
  answers: Array<{ requestedAt: Date; answeredAt: Date }>;
}

const after = (a: { toHexString(): string }, b: { toHexString(): string } | undefined) =>
  b === undefined || a.toHexString() > b.toHexString();

/**
 * Follows a conversation's new messages, in id (time) order: a client's message opens a request
 * unless one is open or a later answer already covers it; the garagiste's next message answers
 * the open request. Booking notices neither ask nor answer.
 */
export function followReplies(state: ReplyState, messages: readonly StoredMessage[], clientId: string): ReplyProgress {
  const progress: ReplyProgress = { state: { ...state }, changed: false, requests: [], answers: [] };
  const ordered = messages
    .filter((message) => message.kind !== 'booking-event')
    .sort((a, b) => (a._id.toHexString() < b._id.toHexString() ? -1 : 1));
  for (const message of ordered) {
    const current = progress.state;
    if (message.sender.equals(clientId)) {
      if (current.awaitingReply || !after(message._id, current.lastReplyId)) continue;
      progress.state = { ...current, awaitingReply: { messageId: message._id, since: message.createdAt } };
      progress.requests.push(message.createdAt);
    } else {
      if (!current.awaitingReply || !after(message._id, current.awaitingReply.messageId)) continue;
      progress.answers.push({ requestedAt: current.awaitingReply.since, answeredAt: message.createdAt });
      progress.state = { lastReplyId: message._id };
    }
    progress.changed = true;
  }
  return progress;
}
