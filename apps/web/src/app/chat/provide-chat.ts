import { BlocksStore } from './blocks.store';
import { ChatSession } from './chat-session';
import { ConversationsStore } from './conversations.store';
import { Drafts } from './drafts';
import { Outbox } from './outbox';
import { SessionScope } from './session-scope';
import { ShareHandOff } from './share-hand-off';
import { ThreadStore } from './thread.store';
import { TypingStore } from './typing.store';

/**
 * The chat's services of one signed-in session (see SignedInScope); they need SIGNED_IN_USER and
 * the session's ChatSocket.
 */
export const CHAT_SESSION_SERVICES = [
  SessionScope,
  Drafts,
  Outbox,
  TypingStore,
  ConversationsStore,
  ThreadStore,
  BlocksStore,
  ChatSession,
  ShareHandOff,
] as const;
