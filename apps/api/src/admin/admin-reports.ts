import { Injectable } from '@nestjs/common';
import {
  ADMIN_LIMITS,
  LIMITS,
  type AdminReportView,
  type AdminThreadPage,
  type AdminThreadQuery,
  type Page,
} from '@promoto/shared-dto';
import { Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/app-exception';
import { GaragesService } from '../garages/garages.service';
import { ConversationReader } from '../messages/conversation-reader';
import type { StoredReport } from '../reports/reports.service';
import { ReportsService } from '../reports/reports.service';
import { UsersService, type UserAccount } from '../users/users.service';
import { AdminAudit } from './admin-audit';
import { adminAccountView } from './admin-views';

/**
 * What admins read of reports: the list, one report, and the reported conversation as its client
 * reads it (internal notes left out: they are the garage's own, and never reached the other side
 * whose words are reported). Each read of a conversation is audited.
 */
@Injectable()
export class AdminReports {
  constructor(
    private readonly reports: ReportsService,
    private readonly conversations: ConversationReader,
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    private readonly audit: AdminAudit,
  ) {}

  async page(
    cursor: string | undefined,
    limit: number = ADMIN_LIMITS.reportPageDefaultSize,
  ): Promise<Page<AdminReportView>> {
    const page = await this.reports.page(cursor, limit);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<AdminReportView> {
    const [view] = await this.views([await this.report(id)]);
    return view;
  }

  async markHandled(admin: AuthUser, id: string): Promise<AdminReportView> {
    const report = await this.reports.markHandled(id, admin.id);
    if (!report) throw notFound('No report has this id.');
    await this.audit.record({ action: 'report-handled', admin: admin.id, report: id });
    const [view] = await this.views([report]);
    return view;
  }

  /** A page of the reported conversation, oldest first, with the accounts that wrote it; audited. */
  async thread(admin: AuthUser, id: string, query: AdminThreadQuery): Promise<AdminThreadPage> {
    const report = await this.report(id);
    await this.audit.record({ action: 'thread-read', admin: admin.id, report: id });
    const page = await this.conversations.clientPage(
      report.conversation,
      query.cursor,
      query.limit ?? LIMITS.historyPageDefaultSize,
    );
    const authors = await this.users.findByIds(
      [...new Set(page.items.map((message) => message.senderId))].map((sender) => new Types.ObjectId(sender)),
    );
    return { ...page, authors: authors.map(adminAccountView) };
  }

  private async report(id: string): Promise<StoredReport> {
    const report = await this.reports.findById(id);
    if (!report) throw notFound('No report has this id.');
    return report;
  }

  /** The reports as admins read them: their accounts, reported messages and garages' names read in one query each. */
  private async views(reports: StoredReport[]): Promise<AdminReportView[]> {
    const ids = new Map<string, Types.ObjectId>();
    for (const report of reports) {
      for (const id of [report.reporter, targetOf(report)]) if (id) ids.set(id.toHexString(), id);
    }
    const [found, messages, garageNames] = await Promise.all([
      this.users.findByIds([...ids.values()]),
      this.conversations.reportedMessages(reports.flatMap((report) => (report.message ? [report.message] : []))),
      this.garages.namesOf([...new Set(reports.map((report) => report.garage.toHexString()))]),
    ]);
    const accounts = new Map<string, UserAccount>(found.map((account) => [account._id.toHexString(), account]));
    const account = (id: Types.ObjectId | undefined) => {
      const known = id && accounts.get(id.toHexString());
      return known ? adminAccountView(known) : undefined;
    };
    return reports.map((report): AdminReportView => {
      const reporter = account(report.reporter);
      const target = account(targetOf(report));
      const message = report.message && messages.get(report.message.toHexString());
      const garageId = report.garage.toHexString();
      return {
        id: report._id.toHexString(),
        status: report.status,
        reason: report.reason,
        ...(report.details ? { details: report.details } : {}),
        createdAt: report.createdAt.toISOString(),
        ...(report.handledAt ? { handledAt: report.handledAt.toISOString() } : {}),
        conversationId: report.conversation.toHexString(),
        garage: { id: garageId, name: garageNames.get(garageId) ?? '' },
        ...(reporter ? { reporter } : {}),
        ...(target ? { target } : {}),
        ...(message ? { message } : {}),
      };
    });
  }
}

/**
 * The account a report names: the message's author; for a whole conversation reported by the
 * garage, its client. None for a conversation a client reported: the garage is a team.
 */
function targetOf(report: StoredReport): Types.ObjectId | undefined {
  if (report.messageAuthor) return report.messageAuthor;
  return report.reporterSide.equals(report.garage) ? report.client : undefined;
}
