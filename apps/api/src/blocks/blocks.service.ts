import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DELETED_ACCOUNT_NAME,
  type BlockList,
  type BlockView,
  type ConversationParticipant,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/app-exception';
import type { ConversationSides } from '../common/conversation-sides';
import { isDuplicateKey } from '../database/mongo-errors';
import { GaragesService } from '../garages/garages.service';
import { UsersService } from '../users/users.service';
import { Block, type BlockingSide } from './block.schema';
import { ContactBlocks } from './contact-blocks';

/** Who blocks, once resolved: the side, and the pair it blocks or unblocks. */
interface BlockRequestSides {
  side: BlockingSide;
  pair: ConversationSides;
}

/**
 * Blocking and unblocking: a client blocks a garage, and a garage's member blocks a client on
 * behalf of the garage (its whole team). `:userId` names the other side as elsewhere: to a client,
 * the garage's id or any member's; to a member, the client.
 */
@Injectable()
export class BlocksService {
  constructor(
    @InjectModel(Block.name) private readonly blocks: Model<Block>,
    private readonly contactBlocks: ContactBlocks,
    private readonly users: UsersService,
    private readonly garages: GaragesService,
  ) {}

  /** Blocks the other side (again: the first block stands). */
  async block(user: AuthUser, userId: string): Promise<BlockView> {
    const { side, pair } = await this.sides(user, userId);
    const key = { client: new Types.ObjectId(pair.clientId), garage: new Types.ObjectId(pair.garageId), by: side };
    const me = side === 'garage' ? await this.users.profile(user.id) : null;
    const stored = await this.blocks
      .findOneAndUpdate(
        key,
        { $setOnInsert: { blockedBy: new Types.ObjectId(user.id), ...(me ? { blockedByName: me.name } : {}) } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<Block>()
      .exec()
      .catch((error: unknown) => {
        // Two blocks of the same pair at once: the other one stored it.
        if (!isDuplicateKey(error)) throw error;
        return this.blocks.findOne(key).lean<Block>().exec();
      });
    this.contactBlocks.changed(pair);
    // Null only when an unblock of the pair came in between: nothing is blocked any more.
    if (!stored) throw notFound('No user has this id.');
    return this.toView(stored);
  }

  /** Lifts my side's block, if any; the other side's block, if any, stands. */
  async unblock(user: AuthUser, userId: string): Promise<void> {
    const { side, pair } = await this.sides(user, userId);
    await this.blocks
      .deleteOne({ client: new Types.ObjectId(pair.clientId), garage: new Types.ObjectId(pair.garageId), by: side })
      .exec();
    this.contactBlocks.changed(pair);
  }

  /** My side's blocks, the latest first. */
  async list(user: AuthUser): Promise<BlockList> {
    const side = BlocksService.sideOf(user);
    const filter =
      side.side === 'client'
        ? { client: new Types.ObjectId(side.id), by: 'client' as const }
        : { garage: new Types.ObjectId(side.id), by: 'garage' as const };
    const blocks = await this.blocks.find(filter).sort({ createdAt: -1, _id: -1 }).lean<Block[]>().exec();
    return { items: await Promise.all(blocks.map((block) => this.toView(block))) };
  }

  /** The blocks the person made themselves (a member: those they made for the garage), for their data export. */
  async madeBy(userId: string): Promise<BlockView[]> {
    const blocks = await this.blocks
      .find({ blockedBy: new Types.ObjectId(userId) })
      .sort({ createdAt: -1, _id: -1 })
      .lean<Block[]>()
      .exec();
    return Promise.all(blocks.map((block) => this.toView(block)));
  }

  /**
   * An erased account's part in blocks: a client's blocks, either way, go (nobody is left to keep
   * apart); the blocks a member made stay the garage's, without the member's name.
   */
  async eraseOf(userId: string): Promise<void> {
    const user = new Types.ObjectId(userId);
    const garages = await this.blocks.distinct('garage', { client: user }).exec();
    await this.blocks.deleteMany({ client: user }).exec();
    for (const garage of garages) this.contactBlocks.changed({ clientId: userId, garageId: garage.toHexString() });
    await this.blocks.updateMany({ blockedBy: user }, { $unset: { blockedByName: 1 } }).exec();
  }

  private async sides(user: AuthUser, userId: string): Promise<BlockRequestSides> {
    const mine = BlocksService.sideOf(user);
    if (mine.side === 'client') {
      return { side: 'client', pair: { clientId: mine.id, garageId: await this.garageNamed(userId) } };
    }
    const other = await this.users.profile(userId);
    if (other?.role !== 'client') throw notFound('No client has this id.');
    return { side: 'garage', pair: { clientId: other.id, garageId: mine.id } };
  }

  /** A garage's id, or the garage of the garagiste the id names. */
  private async garageNamed(id: string): Promise<string> {
    const user = await this.users.profile(id);
    const garageId = user ? user.garageId : id;
    if (user?.role === 'client' || !garageId || !(await this.garages.nameOf(garageId))) {
      throw notFound('No garage has this id.');
    }
    return garageId;
  }

  private async toView(block: Block): Promise<BlockView> {
    const party: ConversationParticipant =
      block.by === 'client' ? await this.garageParticipant(block.garage) : await this.clientParticipant(block.client);
    return {
      party,
      blockedAt: block.createdAt.toISOString(),
      ...(block.blockedByName ? { blockedByName: block.blockedByName } : {}),
    };
  }

  private async garageParticipant(garage: Types.ObjectId): Promise<ConversationParticipant> {
    const name = (await this.garages.nameOf(garage.toHexString())) ?? DELETED_ACCOUNT_NAME;
    return { id: garage.toHexString(), name, role: 'garagiste', garageName: name };
  }

  private async clientParticipant(client: Types.ObjectId): Promise<ConversationParticipant> {
    const profile = await this.users.profile(client);
    return { id: client.toHexString(), name: profile?.name ?? DELETED_ACCOUNT_NAME, role: 'client' };
  }

  private static sideOf(user: AuthUser): { side: BlockingSide; id: string } {
    if (user.role === 'client') return { side: 'client', id: user.id };
    if (!user.garageId) throw forbidden('You belong to no garage: you have nobody to block.');
    return { side: 'garage', id: user.garageId };
  }
}
