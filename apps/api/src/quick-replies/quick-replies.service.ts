import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  ERROR_CODES,
  QUICK_REPLY_LIMITS,
  type CreateQuickReplyRequest,
  type QuickRepliesView,
  type QuickReplyView,
  type UpdateQuickReplyRequest,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, notFound } from '../common/app-exception';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { isDuplicateKey } from '../database/mongo-errors';
import { GaragesService } from '../garages/garages.service';
import { DEFAULT_QUICK_REPLIES } from './default-quick-replies';
import { QuickReplySet, type QuickReply } from './quick-reply.schema';

/**
 * A garage's saved replies. A garage that has never listed them starts with the defaults. In this
 * process one garage's changes run one at a time, each a read and one write of its document.
 */
@Injectable()
export class QuickRepliesService {
  private readonly byGarage = new KeyedSerialQueue();

  constructor(
    @InjectModel(QuickReplySet.name) private readonly sets: Model<QuickReplySet>,
    private readonly garages: GaragesService,
  ) {}

  async list(user: AuthUser): Promise<QuickRepliesView> {
    const garageId = QuickRepliesService.garageOf(user);
    const [garage, replies] = await Promise.all([this.garages.get(garageId), this.replies(garageId)]);
    return { garageName: garage.name, items: replies.map(QuickRepliesService.toView) };
  }

  create(user: AuthUser, request: CreateQuickReplyRequest): Promise<QuickReplyView> {
    const garageId = QuickRepliesService.garageOf(user);
    return this.byGarage.run(garageId, async () => {
      const replies = await this.replies(garageId);
      if (replies.length >= QUICK_REPLY_LIMITS.maxPerGarage) {
        throw conflict(
          ERROR_CODES.CONFLICT,
          `A garage keeps at most ${QUICK_REPLY_LIMITS.maxPerGarage} quick replies.`,
        );
      }
      const reply: QuickReply = { id: new Types.ObjectId(), title: request.title, content: request.content };
      await this.save(garageId, [...replies, reply]);
      return QuickRepliesService.toView(reply);
    });
  }

  update(user: AuthUser, id: string, request: UpdateQuickReplyRequest): Promise<QuickReplyView> {
    const garageId = QuickRepliesService.garageOf(user);
    return this.byGarage.run(garageId, async () => {
      const replies = await this.replies(garageId);
      const index = QuickRepliesService.indexOf(replies, id);
      // Only the fields given: the validated DTO may carry the others as undefined.
      const updated = {
        ...replies[index],
        ...(request.title === undefined ? {} : { title: request.title }),
        ...(request.content === undefined ? {} : { content: request.content }),
      };
      await this.save(
        garageId,
        replies.map((reply, at) => (at === index ? updated : reply)),
      );
      return QuickRepliesService.toView(updated);
    });
  }

  remove(user: AuthUser, id: string): Promise<void> {
    const garageId = QuickRepliesService.garageOf(user);
    return this.byGarage.run(garageId, async () => {
      const replies = await this.replies(garageId);
      const index = QuickRepliesService.indexOf(replies, id);
      await this.save(
        garageId,
        replies.filter((_, at) => at !== index),
      );
    });
  }

  /** `ids` must name every reply of the garage once: the order they come in becomes the garage's. */
  reorder(user: AuthUser, ids: string[]): Promise<QuickReplyView[]> {
    const garageId = QuickRepliesService.garageOf(user);
    return this.byGarage.run(garageId, async () => {
      const replies = await this.replies(garageId);
      const byId = new Map(replies.map((reply) => [reply.id.toHexString(), reply]));
      if (ids.length !== replies.length || ids.some((id) => !byId.has(id))) {
        throw badRequest('ids must list every quick reply of the garage exactly once.');
      }
      const ordered = ids.map((id) => byId.get(id) as QuickReply);
      await this.save(garageId, ordered);
      return ordered.map(QuickRepliesService.toView);
    });
  }

  /** The garage's replies; its first read stores the defaults (concurrent first reads meet on `_id`). */
  private async replies(garageId: string): Promise<QuickReply[]> {
    const existing = await this.sets.findById(garageId).lean<QuickReplySet>().exec();
    if (existing) return existing.replies;
    const defaults = DEFAULT_QUICK_REPLIES.map((reply) => ({ id: new Types.ObjectId(), ...reply }));
    try {
      await this.sets.create({ _id: new Types.ObjectId(garageId), replies: defaults });
      return defaults;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const stored = await this.sets.findById(garageId).lean<QuickReplySet>().exec();
      return stored?.replies ?? defaults;
    }
  }

  private async save(garageId: string, replies: QuickReply[]): Promise<void> {
    await this.sets.updateOne({ _id: new Types.ObjectId(garageId) }, { $set: { replies } }).exec();
  }

  private static garageOf(user: AuthUser): string {
    if (!user.garageId) throw notFound('Your account has no garage.');
    return user.garageId;
  }

  private static indexOf(replies: QuickReply[], id: string): number {
    const index = replies.findIndex((reply) => reply.id.equals(id));
    if (index === -1) throw notFound('Your garage has no quick reply with this id.');
    return index;
  }

  private static toView(reply: QuickReply): QuickReplyView {
    return { id: reply.id.toHexString(), title: reply.title, content: reply.content };
  }
}
