import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { APPOINTMENT_STATUSES, BOOKING_EVENT_ACTIONS, SIGN_UP_ROLES } from '@promoto/shared-dto';
import type {
  AppointmentStatus,
  BookingEventAction,
  BookingVehicle,
  QuoteAmounts,
  QuoteDecisionPayload,
  QuoteLine,
  SignUpRole,
} from '@promoto/shared-dto';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';
import type { MessageAttachment } from '../attachments/attachment-links';
import { BookedVehicle, BookedVehicleSchema } from '../common/booked-vehicle';

/** A booking's change as its notice recorded it; the booking is the message's `appointment`, the causer its sender. */
@Schema({ _id: false })
export class BookingEvent {
  @Prop({ required: true, enum: BOOKING_EVENT_ACTIONS })
  action!: BookingEventAction;

  @Prop({ required: true, enum: APPOINTMENT_STATUSES })
  status!: AppointmentStatus;

  @Prop({ required: true })
  scheduledAt!: Date;

  @Prop({ required: true })
  service!: string;

  @Prop({ required: true })
  garageName!: string;

  @Prop({ required: true, enum: SIGN_UP_ROLES })
  causedByRole!: SignUpRole;

  /** Why, in the causer's words, when they gave a reason. */
  @Prop()
  reason?: string;

  /** The booking's vehicle, as booked. */
  @Prop({ type: BookedVehicleSchema })
  vehicle?: BookedVehicle;
}
const BookingEventSchema = SchemaFactory.createForClass(BookingEvent);

/** The garage's automatic answer outside its opening hours; its sender is the garage's garagiste. */
@Schema({ _id: false })
export class AwayNotice {
  /** When the garage opens again, if it does within a year. */
  @Prop()
  reopensAt?: Date;
}
const AwayNoticeSchema = SchemaFactory.createForClass(AwayNotice);

/** A garage's quote as sent (kind 'quote'): never changed afterwards; its answers live with the quotes module. */
export interface QuoteContent {
  quoteId: string;
  version: number;
  vehicle?: BookingVehicle;
  supersedesQuoteId?: string;
  lines: QuoteLine[];
  totals: QuoteAmounts;
  expiresAt: Date;
}

/** The client's answer to a quote's lines (kind 'quote-decision'), as its notice reported it. */
export type QuoteDecisionContent = QuoteDecisionPayload;

/** A garage's reminder on the client's vehicle, at its date; its sender is the member who scheduled it. */
@Schema({ _id: false })
export class VehicleReminderNotice {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  reminderId!: Types.ObjectId;

  @Prop({ type: BookedVehicleSchema, required: true })
  vehicle!: BookedVehicle;

  @Prop({ required: true })
  text!: string;

  @Prop({ required: true })
  dueAt!: Date;
}
const VehicleReminderNoticeSchema = SchemaFactory.createForClass(VehicleReminderNotice);

/** The kinds of message that are not a person's plain text; a person's text has no kind. */
export const NOTICE_KINDS = ['booking-event', 'away-notice', 'quote', 'quote-decision', 'vehicle-reminder'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** A stored message's kind: a notice's, or 'note' for a member's internal note. */
export type StoredKind = NoticeKind | 'note';

@Schema({
  collection: 'messages',
  timestamps: { createdAt: true, updatedAt: false },
})
export class Message {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  conversation!: Types.ObjectId;

  /** The person who wrote it: the client, or the garage's member who did. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sender!: Types.ObjectId;

  /** The other side: the client, or the garage (its id) for the client's messages. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  recipient!: Types.ObjectId;

  /** The garage of the conversation, whichever side wrote (absent on messages between two people, from before garages' conversations). */
  @Prop({ type: SchemaTypes.ObjectId })
  garage?: Types.ObjectId;

  /** The name of the garage's member who wrote it, on the garage's side's messages. */
  @Prop()
  senderName?: string;

  /** Stored as given (trimmed); the client escapes it when rendering. */
  @Prop({ required: true })
  content!: string;

  @Prop({ type: SchemaTypes.ObjectId })
  appointment?: Types.ObjectId;

  /** The id the client chose, when it chose one. */
  @Prop()
  clientMessageId?: string;

  /**
   * clientMessageId, or the message's own id when the client chose none: always present, so
   * that the unique index works without a partial index (which FerretDB does not support).
   */
  @Prop({ required: true })
  idempotencyKey!: string;

  createdAt!: Date;

  /**
   * Its place in the conversation: 1, 2, 3… in the order the database accepted them, whatever
   * replica stored them (see message-sequence.ts). Absent on messages stored before sequences.
   */
  @Prop()
  seq?: number;

  /**
   * `<conversation>:<seq>`, unique: two replicas giving the same place to two messages meet
   * here, and the second takes the next one. A single sparse field, so that messages stored
   * before sequences (without it) never collide on MongoDB, and SQL NULLs never do on FerretDB.
   */
  @Prop()
  seqKey?: string;

  /** Set when its author edited it (within LIMITS.editWindowMs of createdAt). */
  @Prop()
  editedAt?: Date;

  /** Set when its author deleted it: the message keeps its place, its content becomes ''. */
  @Prop()
  deletedAt?: Date;

  /**
   * Absent on a person's text; 'booking-event' on a notice the API wrote when a booking changed,
   * 'away-notice' on the garage's automatic answer to a client writing while it is closed, 'quote'
   * on a garage member's quote, 'quote-decision' on the notice of the client's answer to one,
   * 'vehicle-reminder' on a reminder the garage scheduled on the client's vehicle, at its date, 'note'
   * on a member's internal note (for the garage's members: never served to the client, counted unread by nobody).
   */
  @Prop({ enum: [...NOTICE_KINDS, 'note'] })
  kind?: StoredKind;

  /** Present exactly when kind is 'booking-event'. */
  @Prop({ type: BookingEventSchema })
  bookingEvent?: BookingEvent;

  /** Present exactly when kind is 'away-notice'. */
  @Prop({ type: AwayNoticeSchema })
  awayNotice?: AwayNotice;

  /** Present exactly when kind is 'quote'. */
  @Prop({ type: SchemaTypes.Mixed })
  quote?: QuoteContent;

  /** Present exactly when kind is 'quote-decision'. */
  @Prop({ type: SchemaTypes.Mixed })
  quoteDecision?: QuoteDecisionContent;

  /** Present exactly when kind is 'vehicle-reminder'. */
  @Prop({ type: VehicleReminderNoticeSchema })
  vehicleReminder?: VehicleReminderNotice;

  /** The uploads sent with the message, described as they were stored (absent when none). */
  @Prop({ type: [SchemaTypes.Mixed], default: undefined })
  attachments?: MessageAttachment[];
}

export type MessageDocument = HydratedDocument<Message>;
/** A message as stored and as read with `lean()`. */
export type StoredMessage = Message & { _id: Types.ObjectId };
/** A message before the sequence gives it its place (id, seq, createdAt). */
export type MessageDraft = Omit<StoredMessage, '_id' | 'createdAt' | 'seq' | 'seqKey'>;
export const MessageSchema = SchemaFactory.createForClass(Message);

/** Whether the message is an internal note, which only the garage's members may ever be served. */
export const isNote = (message: Pick<Message, 'kind'>) => message.kind === 'note';
/** The filter that leaves a garage's internal notes out of what a client reads. */
export const WITHOUT_NOTES = { kind: { $ne: 'note' } } as const;
MessageSchema.index({ conversation: 1, _id: 1 });
MessageSchema.index({ appointment: 1, _id: 1 });
MessageSchema.index({ sender: 1, idempotencyKey: 1 }, { unique: true });
MessageSchema.index({ seqKey: 1 }, { unique: true, sparse: true });
