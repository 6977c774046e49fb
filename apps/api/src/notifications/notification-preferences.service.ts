import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { Environment } from '../config/environment';
import { NotificationPreference } from './notification-preference.schema';

export interface EmailPreference {
  emailEnabled: boolean;
  /** Null when the person kept the default (NOTIFY_EMAIL_DELAY_S). */
  emailDelaySeconds: number | null;
  /** The delay in force. */
  effectiveDelaySeconds: number;
  /** What the unsubscribe links of e-mails written now carry (see unsubscribe-token). */
  version: number;
}

@Injectable()
export class NotificationPreferencesService {
  readonly defaultDelaySeconds: number;

  constructor(
    @InjectModel(NotificationPreference.name) private readonly preferences: Model<NotificationPreference>,
    config: ConfigService<Environment, true>,
  ) {
    this.defaultDelaySeconds = config.get('NOTIFY_EMAIL_DELAY_S', { infer: true });
  }

  async get(userId: string | Types.ObjectId): Promise<EmailPreference> {
    const stored = await this.preferences.findById(userId).lean<NotificationPreference>().exec();
    const emailDelaySeconds = stored?.emailDelaySeconds ?? null;
    return {
      emailEnabled: stored?.emailEnabled ?? true,
      emailDelaySeconds,
      effectiveDelaySeconds: emailDelaySeconds ?? this.defaultDelaySeconds,
      version: stored?.emailVersion ?? 0,
    };
  }

  async update(
    userId: string | Types.ObjectId,
    change: { emailEnabled?: boolean; emailDelaySeconds?: number | null },
  ): Promise<EmailPreference> {
    if (change.emailEnabled === true) {
      // Turned back on: the unsubscribe links of the e-mails sent before stop working.
      await this.preferences
        .updateOne({ _id: new Types.ObjectId(userId), emailEnabled: false }, { $inc: { emailVersion: 1 } })
        .exec();
    }
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, ''> = {};
    if (change.emailEnabled !== undefined) $set['emailEnabled'] = change.emailEnabled;
    if (change.emailDelaySeconds === null) $unset['emailDelaySeconds'] = '';
    else if (change.emailDelaySeconds !== undefined) $set['emailDelaySeconds'] = change.emailDelaySeconds;
    await this.preferences
      .updateOne(
        { _id: new Types.ObjectId(userId) },
        { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) },
        { upsert: true },
      )
      .exec();
    return this.get(userId);
  }

  /** Forgets the person's preferences (their account is being deleted). */
  async erase(userId: string): Promise<void> {
    await this.preferences.deleteOne({ _id: new Types.ObjectId(userId) }).exec();
  }
}
