import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

export const NOTIFICATION_EMAIL_STATUSES = ['pending', 'sent', 'cancelled', 'failed'] as const;
export type NotificationEmailStatus = (typeof NOTIFICATION_EMAIL_STATUSES)[number];

/**
 * One e-mail owed to a recipient about one conversation, for one unread window: its `_id` is
 * `<recipient>:<conversation>:<readCount>` (see windowKey), so the messages that arrive while
 * it waits find it already there (a duplicate key), and only a read opens the next window.
 * The document stays 30 days after sending, so that the window gets no second e-mail meanwhile.
 */
@Schema({ collection: 'notification_emails', timestamps: true })
export class NotificationEmail {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  recipient!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  conversation!: Types.ObjectId;

  /** The person whose messages are unread: the thread's link opens the conversation with them. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sender!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: NOTIFICATION_EMAIL_STATUSES })
  status!: NotificationEmailStatus;

  /** When it may go out; moved on by the process that claims it, and by each retry. */
  @Prop({ required: true })
  dueAt!: Date;

  @Prop({ required: true, default: 0 })
  failures!: number;

  @Prop()
  lastError?: string;

  @Prop()
  sentAt?: Date;

  /**
   * When it reached `sent`, `cancelled` or `failed`: the record is kept 30 days from then (a TTL
   * index on MongoDB, NotificationRetention's purge on any server), long enough that the window
   * gets no second e-mail while anyone still reads it.
   */
  @Prop()
  finishedAt?: Date;
}

export const NotificationEmailSchema = SchemaFactory.createForClass(NotificationEmail);
NotificationEmailSchema.index({ status: 1, dueAt: 1 });
NotificationEmailSchema.index({ recipient: 1, conversation: 1 });

export const windowKey = (recipientId: string, conversationId: string, readCount: number) =>
  `${recipientId}:${conversationId}:${readCount}`;
