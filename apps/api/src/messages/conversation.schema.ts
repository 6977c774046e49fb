import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CONVERSATION_FOLDERS, SIGN_UP_ROLES, type ConversationFolder, type SignUpRole } from '@promoto/shared-dto';
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

/** `assignment` of a conversation assigned to nobody. */
export const UNASSIGNED = 'none';

/** `assignment` of a conversation assigned to that member (their id), or to nobody (null). */
export const assignmentOf = (memberId: string | null): string => memberId ?? UNASSIGNED;

/**
 * One side of a conversation, the client or the garage: who it is, and how far it has read. The
 * garage's side is read as soon as one of its members read (« lu par le garage »); each member's
 * own reading is a Reader.
 */
@Schema({ _id: false })
export class Member {
  @Prop({ required: true })
  name!: string;

  @Prop({ required: true, enum: SIGN_UP_ROLES })
  role!: SignUpRole;

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

/**
 * How far one member of the garage has read the conversation, against the garage's side's
 * `receivedCount`: written only when that member reads, so that a message costs no write per member.
 */
@Schema({ _id: false })
export class Reader {
  @Prop({ required: true, default: 0 })
  readCount!: number;

  @Prop({ type: SchemaTypes.ObjectId })
  lastReadMessageId?: Types.ObjectId;

  @Prop()
  lastReadAt?: Date;
}
const ReaderSchema = SchemaFactory.createForClass(Reader);

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

  /** The garage's member who wrote it, on the garage's side's messages. */
  @Prop()
  senderName?: string;

  @Prop({ required: true })
  content!: string;

  @Prop({ type: SchemaTypes.ObjectId })
  appointmentId?: Types.ObjectId;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop()
  deletedAt?: Date;

  /** True when it is an internal note: the garage's members' preview, never the client's. */
  @Prop()
  note?: boolean;
}
const LastMessageSchema = SchemaFactory.createForClass(LastMessage);

/**
 * One document per client and garage, whose `_id` is derived from the pair (see conversation-id.ts):
 * every member of the garage reads and writes the same conversation. The conversation list and the
 * unread badges read these documents only; marking read is one update of the reader's entries.
 */
@Schema({ collection: 'conversations', timestamps: true })
export class Conversation {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  /**
   * The two sides, the smaller id first: the client's user id and the garage's id (a side is a
   * "party", see conversation-parties.ts; the names are from when both were people). Two scalar
   * fields rather than one array, so that "my conversations" (or my garage's) is two index range
   * reads ({ firstUser, firstFolder, activity } and { secondUser, secondFolder, activity }) on
   * MongoDB and on the embedded database alike, where an array field cannot be indexed.
   */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  firstUser!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  secondUser!: Types.ObjectId;

  /**
   * Where each side lists the conversation (archiving is the garage's, for all its members); any
   * new message puts both back in 'inbox'. Strings
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

  /** The two sides, keyed by party id (24-hex, so a valid key on MongoDB and FerretDB); read as plain data (`lean()`). */
  @Prop({ type: Map, of: MemberSchema, required: true })
  members!: Record<string, Member>;

  /**
   * The member of the garage the conversation is assigned to (« Assigner à… »), and their name;
   * absent when nobody is.
   */
  @Prop({ type: SchemaTypes.ObjectId })
  assignee?: Types.ObjectId;

  @Prop()
  assigneeName?: string;

  /**
   * The same assignment as the filters' index reads it: the assignee's id, or UNASSIGNED. Written
   * with `assignee` by every write that opens, assigns or unassigns. A string in both cases, so
   * that « À moi » and « Non assignées » are each an equality the embedded database searches in
   * its index (`assignee: null` is not: it read every conversation of the folder in activity
   * order and kept the unassigned ones). Absent on documents stored before it until the start-up
   * migration (conversation-assignments-migration.ts).
   */
  @Prop({ type: String })
  assignment?: string;

  /** Each member of the garage who read the conversation, keyed by user id; absent until one did. */
  @Prop({ type: Map, of: ReaderSchema })
  readers?: Record<string, Reader>;

  /** The newest message recorded: the preview the garage's members see (an internal note included). */
  @Prop({ type: LastMessageSchema })
  lastMessage?: LastMessage;

  /**
   * The newest message the client may see (never an internal note): the client's preview, and the
   * garage's side's read watermark. Absent until a note was recorded or a message after this field
   * existed: the client's preview is then `lastMessage` (see clientPreviewOf).
   */
  @Prop({ type: LastMessageSchema })
  clientLastMessage?: LastMessage;

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
// A member's filters (« À moi », « Non assignées »): the same range reads, one assignment's.
ConversationSchema.index({ firstUser: 1, firstFolder: 1, assignment: 1, activity: -1 });
ConversationSchema.index({ secondUser: 1, secondFolder: 1, assignment: 1, activity: -1 });
