import type { Types } from 'mongoose';
import type { Replies } from '../responsiveness/reply-days';
import type { AwaitingReply, Member } from './conversation.schema';
import type { StoredMessage } from './message.schema';

const byId = (a: StoredMessage, b: StoredMessage) => (a._id.toHexString() < b._id.toHexString() ? -1 : 1);

/** The messages between people, in their conversation's order: notices (bookings, away) neither ask nor answer. */
export const conversational = (messages: readonly StoredMessage[]) =>
  messages.filter((message) => message.kind === undefined).sort(byId);

export const awaitingOf = (message: StoredMessage): AwaitingReply => ({
  messageId: message._id,
  since: message.createdAt,
});

/**
 * Each side's unanswered message after these messages, from what it was before them: a message
 * is the first unanswered one of its side (the side it was not written to: the client, or the
 * garage whichever member wrote) unless one is already waiting, and it answers the other side's.
 * Only the sides it changes are in the map (undefined: none waiting).
 */
export function awaitingAfter(
  members: Record<string, Member>,
  messages: readonly StoredMessage[],
  sides: readonly [Types.ObjectId, Types.ObjectId],
): Map<string, AwaitingReply | undefined> {
  const state = new Map<string, AwaitingReply | undefined>();
  const current = (userId: string) => (state.has(userId) ? state.get(userId) : members[userId]?.awaitingReply);
  for (const message of conversational(messages)) {
    const recipient = message.recipient.toHexString();
    const sender = (message.recipient.equals(sides[0]) ? sides[1] : sides[0]).toHexString();
    if (!current(sender)) state.set(sender, awaitingOf(message));
    if (current(recipient)) state.set(recipient, undefined);
  }
  return state;
}

/**
 * The client's requests made and answered by these messages, given the client's unanswered
 * message before them: a client's message opens a request when none is open, the garagiste's
 * next message answers it. This walk ends where `awaitingAfter` leaves the client's unanswered message.
 */
export function repliesOfBatch(
  before: AwaitingReply | undefined,
  messages: readonly StoredMessage[],
  clientId: string,
): Replies {
  const replies: Replies = { requests: [], answers: [] };
  let open = before;
  for (const message of conversational(messages)) {
    if (!message.recipient.equals(clientId)) {
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
