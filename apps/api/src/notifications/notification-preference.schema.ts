import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** A person's notification choices; no document means the defaults (e-mail on, the configured delay). */
@Schema({ collection: 'notification_preferences', timestamps: true })
export class NotificationPreference {
  /** The user's id. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ required: true, default: true })
  emailEnabled!: boolean;

  /** Seconds a message stays unread before the e-mail; absent, NOTIFY_EMAIL_DELAY_S. */
  @Prop()
  emailDelaySeconds?: number;

  /** Moves on each time e-mails are turned back on: unsubscribe links of an older version stop working. */
  @Prop()
  emailVersion?: number;
}

export const NotificationPreferenceSchema = SchemaFactory.createForClass(NotificationPreference);
