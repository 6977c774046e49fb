import type { MessageView } from '@promoto/shared-dto';
import type { Types } from 'mongoose';
import type { Viewer } from './conversation-parties';
import type { Conversation } from './conversation.schema';
import type { StoredMessage } from './message.schema';

/** A message as its listeners read it. */
export type RecordedMessage = StoredMessage;
/** Whether a recorded message is an internal note, which its listeners never take to the client. */
export { isNote } from './message.schema';
/** A conversation's summary as its listeners read it (the messages module's read model). */
export type ConversationSnapshot = Conversation;

/**
 * A message is durably stored and its sender acknowledged: the listeners deliver it and keep
 * the summaries, badges, notifications and counts in step. `origin` is the socket that sent it,
 * which already has it from its acknowledgement.
 */
export class MessageRecorded {
  constructor(
    readonly message: RecordedMessage,
    readonly view: MessageView,
    readonly origin?: string,
  ) {}
}

/**
 * A conversation's summary counted these messages (none when a recovery only runs the
 * listeners again): `before` is the summary just before, `after` as the database returned it.
 * `recipients` are the people whose unread count may have moved (the client, or each member of
 * the garage), each with their side.
 */
export class ConversationRecorded {
  constructor(
    readonly before: ConversationSnapshot,
    readonly after: ConversationSnapshot,
    readonly messages: readonly RecordedMessage[],
    readonly recipients: readonly Viewer[],
  ) {}
}

/** Someone (a client, or one member of a garage) read a conversation: what was owed to them about it is no longer. */
export class ConversationRead {
  constructor(
    readonly readerId: string,
    readonly conversationId: Types.ObjectId,
  ) {}
}
