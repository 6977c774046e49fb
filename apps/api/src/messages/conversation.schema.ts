import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CONVERSATION_FOLDERS, USER_ROLES, type ConversationFolder, type UserRole } from '@promoto/shared-dto';
import { SchemaTypes, Types } from 'mongoose';

/** A message of one participant that the other has not answered yet. */
@Schema({ _id: false })
export class AwaitingReply {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  messageId!: Types.ObjectId;

  @Prop({ required: true })
  since!: Date;
}
const AwaitingReplySchema = SchemaFactory.createForClass(AwaitingReply);

/** One participant's side of a conversation: who they are, and how far they have read. */
@Schema({ _id: false })
export class Member {
  @Prop({ required: true })
  name!: string;

  @Prop({ required: true, enum: USER_ROLES })
  role!: UserRole;

  @Prop()
  garageName?: string;

  /** Messages this member has received in the conversation, ever. */
  @Prop({ required: true, default: 0 })
  receivedCount!: number;

  /**
   * How many of them the member has read. Only ever raised (`$max`), so concurrent reads and
   * a message arriving during a read never make the difference, the unread count, wrong.
   */
  @Prop({ required: true, default: 0 })
  readCount!: number;

  /** Read watermark: every message with an id at or below it is read by this member. */
  @Prop({ type: SchemaTypes.ObjectId })
  lastReadMessageId?: Types.ObjectId;

  @Prop()
  lastReadAt?: Date;

  /**
   * The first of this member's messages written since the other's last message: absent once the
   * other wrote after it. Between a client and a garagiste, the client's is a request to the
   * garage (see the garage's responsiveness). Booking notices neither set nor clear it.
   */
  @Prop({ type: AwaitingReplySchema })
  awaitingReply?: AwaitingReply;
}
const MemberSchema = SchemaFactory.createForClass(Member);

/** How far the conversation's summary has recorded its messages: the last one it counted. */
@Schema({ _id: false })
export class RecordedThrough {
  @Prop({ required: true })
  seq!: number;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  id!: Types.ObjectId;
}
const RecordedThroughSchema = SchemaFactory.createForClass(RecordedThrough);

@Schema({ _id: false })
export class LastMessage {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  senderId!: Types.ObjectId;

  @Prop({ required: true })
  content!: string;

  @Prop({ type: SchemaTypes.ObjectId })
  appointmentId?: Types.ObjectId;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop()
  deletedAt?: Date;
}
const LastMessageSchema = SchemaFactory.createForClass(LastMessage);

/**
 * One document per pair of users, whose `_id` is derived from the pair (see conversation-id.ts).
 * The conversation list and the unread badges read these documents only; marking read is one
 * update of the reader's member entry.
 */
@Schema({ collection: 'conversations', timestamps: true })
export class Conversation {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  /**
   * The two people, the smaller id first. Two scalar fields rather than one array, so that "my
   * conversations" is two index range reads ({ firstUser, firstFolder, activity } and
   * { secondUser, secondFolder, activity }) on MongoDB and on the embedded database alike, where
   * an array field cannot be indexed.
   */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  firstUser!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  secondUser!: Types.ObjectId;

  /**
   * Where each person lists the conversation; any new message puts both back in 'inbox'. Strings
   * rather than booleans: the embedded database pushes string equalities down to its indexes.
   * Absent on documents older than folders until the start-up migration (conversation-folders.ts).
   */
  @Prop({ type: String, enum: CONVERSATION_FOLDERS })
  firstFolder?: ConversationFolder;

  @Prop({ type: String, enum: CONVERSATION_FOLDERS })
  secondFolder?: ConversationFolder;

  /**
   * The newest message's id (a time-ordered id), or an id made when the conversation was opened:
   * the conversation list's order and cursor.
   */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  activity!: Types.ObjectId;

  /** Keyed by user id (24-hex, so a valid key on MongoDB and FerretDB); read as plain data (`lean()`). */
  @Prop({ type: Map, of: MemberSchema, required: true })
  members!: Record<string, Member>;

  /** The newest message recorded. */
  @Prop({ type: LastMessageSchema })
  lastMessage?: LastMessage;

  /**
   * The watermark of the summary (preview, counts, unanswered messages): every message up to
   * this one is counted, none after. Each recording is conditional on it and moves it, so a
   * message is counted exactly once whichever replica or recovery sweep records it. Absent on
   * conversations recorded before it existed: they are recorded through `lastMessage`.
   */
  @Prop({ type: RecordedThroughSchema })
  recorded?: RecordedThrough;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ConversationSchema = SchemaFactory.createForClass(Conversation);
ConversationSchema.index({ firstUser: 1, firstFolder: 1, activity: -1 });
ConversationSchema.index({ secondUser: 1, secondFolder: 1, activity: -1 });
