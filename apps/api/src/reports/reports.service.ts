import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CreateReportRequest, ReportView } from '@promoto/shared-dto';
import { Model, Types, type QueryFilter } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound } from '../common/app-exception';
import { isDuplicateKey } from '../database/mongo-errors';
import { ConversationReader } from '../messages/conversation-reader';
import { Report } from './report.schema';

export type StoredReport = Report & { _id: Types.ObjectId };

/** Reports of a message or a conversation, by one of its two sides. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectModel(Report.name) private readonly reports: Model<Report>,
    private readonly conversations: ConversationReader,
  ) {}

  /**
   * Stores the report, or answers the side's earlier report of the same message or conversation
   * (its first reason and words stand). Not found unless the message or conversation is the
   * reporter's, and the message the other side's.
   */
  async create(user: AuthUser, request: CreateReportRequest): Promise<ReportView> {
    if (request.messageId !== undefined && request.userId !== undefined) {
      throw badRequest('Give messageId or userId, not both.');
    }
    const target = await this.conversations.reportable(user, request);
    if (!target) throw notFound('You have no such message or conversation to report.');
    const targetKey = `${target.reporterSide}:${target.conversationId.toHexString()}:${target.messageId?.toHexString() ?? 'conversation'}`;
    const stored = await this.reports
      .findOneAndUpdate(
        { targetKey },
        {
          $setOnInsert: {
            status: 'open',
            reporter: new Types.ObjectId(user.id),
            reporterSide: new Types.ObjectId(target.reporterSide),
            conversation: target.conversationId,
            client: new Types.ObjectId(target.sides.clientId),
            garage: new Types.ObjectId(target.sides.garageId),
            ...(target.messageId ? { message: target.messageId, messageAuthor: target.authorId } : {}),
            reason: request.reason,
            ...(request.details ? { details: request.details } : {}),
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<StoredReport>()
      .exec()
      .catch((error: unknown) => {
        // The same report twice at once: the other request stored it.
        if (!isDuplicateKey(error)) throw error;
        return this.reports.findOne({ targetKey }).lean<StoredReport>().exec();
      });
    if (!stored) throw notFound('You have no such message or conversation to report.');
    return ReportsService.toView(stored);
  }

  /**
   * The reports for admins, a page at a time: the open ones newest first, then the handled ones
   * newest first. The cursor says which of the two lists it is in (`o` or `h`) and the last id served.
   */
  async page(cursor: string | undefined, limit: number): Promise<{ items: StoredReport[]; nextCursor: string | null }> {
    const inHandled = cursor?.startsWith('h') ?? false;
    const below = cursor ? { _id: { $lt: new Types.ObjectId(cursor.slice(1)) } } : {};
    const items = inHandled ? [] : await this.newestFirst({ status: 'open', ...below }, limit + 1);
    if (items.length > limit)
      return { items: items.slice(0, limit), nextCursor: `o${items[limit - 1]._id.toHexString()}` };
    const handled = await this.newestFirst(
      { status: 'handled', ...(inHandled ? below : {}) },
      limit - items.length + 1,
    );
    const all = [...items, ...handled];
    if (all.length <= limit) return { items: all, nextCursor: null };
    const last = all[limit - 1];
    return {
      items: all.slice(0, limit),
      nextCursor: `${last.status === 'handled' ? 'h' : 'o'}${last._id.toHexString()}`,
    };
  }

  findById(id: string): Promise<StoredReport | null> {
    return this.reports.findById(id).lean<StoredReport>().exec();
  }

  /** Marks the report handled by this admin (the first admin's time and name stand); null when there is none. */
  async markHandled(id: string, adminId: string): Promise<StoredReport | null> {
    await this.reports
      .updateOne(
        { _id: new Types.ObjectId(id), status: 'open' },
        { $set: { status: 'handled', handledBy: new Types.ObjectId(adminId), handledAt: new Date() } },
      )
      .exec();
    return this.findById(id);
  }

  private newestFirst(filter: QueryFilter<Report>, limit: number): Promise<StoredReport[]> {
    return this.reports.find(filter).sort({ _id: -1 }).limit(limit).lean<StoredReport[]>().exec();
  }

  static toView(report: StoredReport): ReportView {
    return {
      id: report._id.toHexString(),
      conversationId: report.conversation.toHexString(),
      ...(report.message ? { messageId: report.message.toHexString() } : {}),
      reason: report.reason,
      ...(report.details ? { details: report.details } : {}),
      createdAt: report.createdAt.toISOString(),
    };
  }
}
