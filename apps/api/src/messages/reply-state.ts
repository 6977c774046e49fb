import type { Replies } from '../responsiveness/reply-days';
import type { AwaitingReply } from './conversation.schema';
import type { StoredMessage } from './message.schema';

/** How recording a batch changes one member's unanswered message (see Member.awaitingReply). */
export type ReplyChange =
  /** The other wrote in the batch, and this member after that: this is the first since. */
  | { kind: 'set'; awaiting: AwaitingReply }
  /** Only this member wrote: it becomes the unanswered one unless an older one is. */
  | { kind: 'min'; awaiting: AwaitingReply }
  /** The other wrote last: nothing of this member is unanswered. */
  | { kind: 'unset' };

const byId = (a: StoredMessage, b: StoredMessage) => (a._id.toHexString() < b._id.toHexString() ? -1 : 1);

/** The batch's messages between people, in id (time) order: booking notices neither ask nor answer. */
const conversational = (messages: readonly StoredMessage[]) =>
  messages.filter((message) => message.kind !== 'booking-event').sort(byId);

const awaitingOf = (message: StoredMessage): AwaitingReply => ({ messageId: message._id, since: message.createdAt });

/**
 * Each person's change of unanswered message, from the batch alone, so that it is written in the
 * same update as the batch's counts without reading the conversation first.
 */
export function replyChanges(messages: readonly StoredMessage[]): Map<string, ReplyChange> {
  const ordered = conversational(messages);
  const changes = new Map<string, ReplyChange>();
  if (ordered.length === 0) return changes;
  const people = [ordered[0].sender.toHexString(), ordered[0].recipient.toHexString()];
  for (const [me, other] of [people, [...people].reverse()]) {
    const othersLast = ordered.map((message) => message.sender.toHexString()).lastIndexOf(other);
    const mineSince = ordered.find((message, index) => index > othersLast && message.sender.equals(me));
    if (mineSince) changes.set(me, { kind: othersLast === -1 ? 'min' : 'set', awaiting: awaitingOf(mineSince) });
    else if (othersLast !== -1) changes.set(me, { kind: 'unset' });
  }
  return changes;
}

/**
 * The client's requests made and answered by the batch, given the client's unanswered message
 * before it: a client's message opens a request when none is open, the garagiste's next message
 * answers it. This walk ends where `replyChanges` leaves the client's unanswered message.
 */
export function repliesOfBatch(
  before: AwaitingReply | undefined,
  messages: readonly StoredMessage[],
  clientId: string,
): Replies {
  const replies: Replies = { requests: [], answers: [] };
  let open = before;
  for (const message of conversational(messages)) {
    if (message.sender.equals(clientId)) {
      if (open) continue;
      open = awaitingOf(message);
      replies.requests.push(message.createdAt);
    } else if (open) {
      replies.answers.push({ requestedAt: open.since, answeredAt: message.createdAt });
      open = undefined;
    }
  }
  return replies;
}
