import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ERROR_CODES } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { AppException } from '../common/app-exception';
import type { ConversationSides } from '../common/conversation-sides';
import { NotifiedCache } from '../common/notified-cache';
import { ChatEvents } from '../realtime/chat-events';
import { Block, type BlockingSide } from './block.schema';

/** Enough pairs for every conversation active lately on one replica. */
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
 * here and, through the adapter, on every other replica (a NotifiedCache: exact, not refreshed by time).
 */
@Injectable()
export class ContactBlocks implements OnModuleInit {
  private readonly pairs = new NotifiedCache<BlockingSide[]>(MAX_PAIRS);

  constructor(
    @InjectModel(Block.name) private readonly blocks: Model<Block>,
    private readonly chat: ChatEvents,
  ) {}

  onModuleInit(): void {
    this.chat.onBlocksChangedElsewhere((key) => this.pairs.forget(key));
    this.chat.onRedisReconnected(() => this.pairs.forgetAll());
  }

  /** The sides of the pair that block the other (none, one or both). */
  blockingSides(pair: ConversationSides): Promise<BlockingSide[]> {
    return this.pairs.read(pairKey(pair), async () => {
      const found = await this.blocks
        .find({ client: new Types.ObjectId(pair.clientId), garage: new Types.ObjectId(pair.garageId) })
        .select({ by: 1 })
        .lean()
        .exec();
      return found.map(({ by }) => by);
    });
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
    this.pairs.forget(key);
    this.chat.blocksChanged(key);
  }
}
