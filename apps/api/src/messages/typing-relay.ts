import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException, notFound } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { conversationIdFor } from './conversation-id';
import { ConversationsService } from './conversations.service';

/** A conversation, once seen, exists for good: its existence is kept this long without a read. */
const KNOWN_CONVERSATION_MS = 60_000;
/** Bounds both maps, whatever the number of pairs typing. */
const MAX_ENTRIES = 20_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/**
 * Typing indicators are frequent and worthless once late, so they are held to a few per second
 * per sender and recipient (refused beyond with RATE_LIMITED), and resolve their conversation
 * from memory: a flood of them costs neither database reads nor other people's delivery.
 */
@Injectable()
export class TypingRelay {
  private readonly perSecond: number;
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private readonly known = new Map<string, number>();

  constructor(
    private readonly conversations: ConversationsService,
    config: ConfigService<Environment, true>,
  ) {
    this.perSecond = config.get('TYPING_EVENTS_PER_SECOND', { infer: true });
  }

  /** The conversation to relay to, or an error: RATE_LIMITED past the rate, NOT_FOUND without one. */
  async conversationFor(senderId: string, recipientId: string): Promise<string> {
    this.count(`${senderId}:${recipientId}`);
    const conversationId = conversationIdFor(senderId, recipientId).toHexString();
    if ((this.known.get(conversationId) ?? 0) > Date.now()) return conversationId;
    if (!(await this.conversations.findBetween(senderId, recipientId))) {
      throw notFound('You have no conversation with this user yet.');
    }
    remember(this.known, conversationId, Date.now() + KNOWN_CONVERSATION_MS);
    return conversationId;
  }

  private count(key: string): void {
    const now = Date.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= 1_000) {
      remember(this.windows, key, { startedAt: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > this.perSecond) {
      throw new AppException(
        HttpStatus.TOO_MANY_REQUESTS,
        ERROR_CODES.RATE_LIMITED,
        `At most ${this.perSecond} typing events per second: this one was dropped.`,
      );
    }
  }
}
