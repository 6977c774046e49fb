import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ERROR_CODES } from '@promoto/shared-dto';
import { AppException, notFound } from '../common/app-exception';
import { memoryCache } from '../common/memory-cache';
import { ContactBlocks } from '../blocks/contact-blocks';
import type { Environment } from '../config/environment';
import { conversationIdFor } from './conversation-id';
import { ContactsService } from './contacts.service';
import { sidesWith, type Viewer } from './conversation-parties';
import { ConversationsService } from './conversations.service';

/** A conversation, once seen, exists for good: its existence is kept this long without a read. */
const KNOWN_CONVERSATION_MS = 60_000;
/** Bounds both maps, whatever the number of pairs typing. */
const MAX_ENTRIES = 20_000;

/**
 * Typing indicators are frequent and worthless once late, so they are held to a few per second
 * per sender and recipient (refused beyond with RATE_LIMITED), and resolve their conversation
 * from memory: a flood of them costs neither database reads nor other people's delivery.
 */
@Injectable()
export class TypingRelay {
  private readonly perSecond: number;
  private readonly windows = memoryCache<string, { startedAt: number; count: number }>({ max: MAX_ENTRIES });
  private readonly known = memoryCache<string, true>({ max: MAX_ENTRIES, ttlMs: KNOWN_CONVERSATION_MS });
  private readonly lookups = new Map<string, Promise<boolean>>();

  constructor(
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly contactBlocks: ContactBlocks,
    config: ConfigService<Environment, true>,
  ) {
    this.perSecond = config.get('TYPING_EVENTS_PER_SECOND', { infer: true });
  }

  /**
   * The conversation to relay to, the other side's id, and whether the two sides may reach each
   * other (false while either blocks the other: only a note's typing, which stays in the garage,
   * is then relayed, and the sender is not told why); or an error: RATE_LIMITED past the rate,
   * NOT_FOUND without one. `recipientId` names the other side (to a client, any member of the garage).
   */
  async conversationFor(
    sender: Viewer,
    recipientId: string,
  ): Promise<{ conversationId: string; otherSide: string; reachable: boolean }> {
    this.count(`${sender.userId}:${recipientId}`);
    const otherSide = await this.contacts.otherSide(recipientId);
    const conversationId = conversationIdFor(sender.partyId, otherSide).toHexString();
    if (!this.known.has(conversationId) && !(await this.exists(conversationId, sender.partyId, otherSide))) {
      throw notFound('You have no conversation with this user yet.');
    }
    return { conversationId, otherSide, reachable: await this.contactBlocks.isOpen(sidesWith(sender, otherSide)) };
  }

  /**
   * One read per conversation however many events arrive before it answers (a burst of keystrokes):
   * the conversation is known before its lookup is forgotten, so that no event in between reads again.
   */
  private exists(conversationId: string, partyId: string, otherPartyId: string): Promise<boolean> {
    let lookup = this.lookups.get(conversationId);
    if (!lookup) {
      lookup = this.conversations
        .findBetween(partyId, otherPartyId)
        .then((conversation) => {
          if (conversation) this.known.set(conversationId, true);
          return conversation !== null;
        })
        .finally(() => this.lookups.delete(conversationId));
      this.lookups.set(conversationId, lookup);
    }
    return lookup;
  }

  private count(key: string): void {
    const now = Date.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= 1_000) {
      this.windows.set(key, { startedAt: now, count: 1 });
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
