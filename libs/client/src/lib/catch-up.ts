import { LIMITS, type ConversationView, type MessageView, type Page } from '@promoto/shared-dto';
import { unwrap, type RestClient } from './rest';

/**
 * A catch-up starts this long before the newest message received: messages stored at nearly the
 * same time by several replicas may reach a socket out of order, so the window is read again
 * (and what was already delivered is recognised by its id).
 */
export const CATCH_UP_OVERLAP_MS = 60_000;
const NO_MESSAGE = '000000000000000000000000';

/** Message ids start with their creation time in seconds (the ObjectId layout). */
const secondsOf = (id: string) => parseInt(id.slice(0, 8), 16);

/** An id below every message created less than `ms` before the message `id`. */
export function idBefore(id: string, ms: number): string {
  const seconds = Math.max(0, secondsOf(id) - Math.ceil(ms / 1000));
  return seconds.toString(16).padStart(8, '0') + '0'.repeat(16);
}

/** The newest message of my conversations now: where a first catch-up starts. */
export async function newestMessageId(api: RestClient): Promise<string | null> {
  const page = await unwrap(api.GET('/api/messages/conversations', { params: { query: {} } }));
  const ids = page.items.flatMap((conversation) => (conversation.lastMessage ? [conversation.lastMessage.id] : []));
  return ids.length > 0 ? ids.reduce((newest, id) => (id > newest ? id : newest)) : null;
}

/** A conversation's messages after `after`, oldest first, every page. */
async function messagesAfter(api: RestClient, userId: string, after: string): Promise<MessageView[]> {
  const messages: MessageView[] = [];
  for (let cursor: string | null = after; cursor; ) {
    const page: Page<MessageView> = await unwrap(
      api.GET('/api/messages/conversation/{userId}', {
        params: { path: { userId }, query: { after: cursor, limit: LIMITS.historyPageMaxSize } },
      }),
    );
    messages.push(...page.items);
    cursor = page.nextCursor;
  }
  return messages;
}

/**
 * The messages of my conversations stored after `watermark` (less the overlap), read from the
 * REST API: the conversations come newest first, and only those with a message after it are read.
 * With no watermark (no conversation had any message before), every message is.
 */
export async function missedMessages(api: RestClient, watermark: string | null): Promise<MessageView[]> {
  const since = watermark ? idBefore(watermark, CATCH_UP_OVERLAP_MS) : NO_MESSAGE;
  const sinceMs = secondsOf(since) * 1000;
  const missed: MessageView[] = [];
  for (let cursor: string | null | undefined = undefined; cursor !== null; ) {
    const page: Page<ConversationView> = await unwrap(
      api.GET('/api/messages/conversations', {
        params: { query: { limit: LIMITS.conversationPageMaxSize, ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const conversation of page.items) {
      if (conversation.lastMessage && conversation.lastMessage.id > since) {
        missed.push(...(await messagesAfter(api, conversation.otherUser.id, since)));
      }
    }
    const oldest = page.items.at(-1);
    // Newest first: a conversation last updated before the watermark has nothing after it, nor do the next ones.
    cursor = oldest && Date.parse(oldest.updatedAt) >= sinceMs ? page.nextCursor : null;
  }
  return missed;
}
