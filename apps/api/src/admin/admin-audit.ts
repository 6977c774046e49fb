import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { AdminAuditEntry, type AdminAction } from './admin-audit.schema';

/** What one audited act names: the admin's id or the operator's name, and the report or account. */
export interface AuditedAct {
  action: AdminAction;
  admin?: string;
  operator?: string;
  report?: string;
  account?: string;
  reason?: string;
}

/**
 * The moderation audit: each act is written to `admin_audit` before its answer, and logged, so
 * that it can be read both in the database and in the logs.
 */
@Injectable()
export class AdminAudit {
  private readonly logger = new Logger('AdminAudit');

  constructor(@InjectModel(AdminAuditEntry.name) private readonly entries: Model<AdminAuditEntry>) {}

  async record(act: AuditedAct): Promise<void> {
    const id = (value?: string) => (value ? new Types.ObjectId(value) : undefined);
    await this.entries.create({
      action: act.action,
      admin: id(act.admin),
      operator: act.operator,
      report: id(act.report),
      account: id(act.account),
      reason: act.reason,
    });
    this.logger.log({ msg: `admin audit: ${act.action}`, ...act });
  }
}
