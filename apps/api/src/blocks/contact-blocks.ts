import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { ERROR_CODES } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { AppException } from '../common/app-exception';
import type { ConversationSides } from '../common/conversation-sides';
import { memoryCache } from '../common/memory-cache';
import type { Environment } from '../config/environment';
import { ChatEvents } from '../realtime/chat-events';
import { Block, type BlockingSide } from './block.schema';

/** Enough pairs for every conversation active within the cache's lifetime on one replica. */
const MAX_PAIRS = 50_000;

/**
 * What a side that may not act is told: the side that blocked, how to undo it; the side that was
 * blocked, only that it cannot be done (never that it was blocked).
 */
const REFUSALS = {
  message: {
    blocker: 'Vous avez bloqué ce contact : débloquez-le pour lui écrire.',
    blocked: 'Ce message ne peut pas être envoyé : cette conversation n’accepte plus de nouveaux messages.',
  },
  booking: {
    blocker: 'Vous avez bloqué ce contact : débloquez-le pour prendre ou modifier un rendez-vous avec lui.',
    blocked: 'Ce rendez-vous ne peut pas être pris ni modifié pour le moment.',
  },
} as const;

export const pairKey = ({ clientId, garageId }: ConversationSides) => `${clientId}:${garageId}`;

/**
 * Whether a client and a garage may reach each other: the one check that the send pipeline's
 * admission (every kind of message), the typing relay and the bookings ask. A pair's blocks are
 * read once and kept in memory, so an ordinary send costs no read; a change is forgotten at once
 * here and, through the adapter, on every other replica (the cache's lifetime,
 * ACCOUNT_CACHE_TTL_MS, bounds a missed notice).
 */
@Injectable()
export class ContactBlocks implements OnModuleInit {
  private readonly pairs: ReturnType<typeof memoryCache<string, BlockingSide[]>>;

  constructor(
    @InjectModel(Block.name) private readonly blocks: Model<Block>,
    private readonly chat: ChatEvents,
    config: ConfigService<Environment, true>,
  ) {
    this.pairs = memoryCache({ max: MAX_PAIRS, ttlMs: config.get('ACCOUNT_CACHE_TTL_MS', { infer: true }) });
  }

  onModuleInit(): void {
    this.chat.onBlocksChangedElsewhere((key) => this.pairs.delete(key));
  }

  /** The sides of the pair that block the other (none, one or both). */
  async blockingSides(pair: ConversationSides): Promise<BlockingSide[]> {
    const key = pairKey(pair);
    const cached = this.pairs.get(key);
    if (cached) return cached;
    const found = await this.blocks
      .find({ client: new Types.ObjectId(pair.clientId), garage: new Types.ObjectId(pair.garageId) })
      .select({ by: 1 })
      .lean()
      .exec();
    const sides = found.map(({ by }) => by);
    this.pairs.set(key, sides);
    return sides;
  }

  async isOpen(pair: ConversationSides): Promise<boolean> {
    return (await this.blockingSides(pair)).length === 0;
  }

  /** 403 CONTACT_UNAVAILABLE when either side blocks the other, worded for the side asking. */
  async assertOpen(pair: ConversationSides, asking: BlockingSide, action: keyof typeof REFUSALS): Promise<void> {
    const sides = await this.blockingSides(pair);
    if (sides.length === 0) return;
    const refusal = REFUSALS[action][sides.includes(asking) ? 'blocker' : 'blocked'];
    throw new AppException(HttpStatus.FORBIDDEN, ERROR_CODES.CONTACT_UNAVAILABLE, refusal);
  }

  /** After a block or an unblock of the pair: this replica and the others read it again. */
  changed(pair: ConversationSides): void {
    const key = pairKey(pair);
    this.pairs.delete(key);
    this.chat.blocksChanged(key);
  }
}
