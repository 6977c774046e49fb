import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type {
  AssignmentFilter,
  ConversationFolder,
  ConversationView,
  MessagesReadEvent,
  Page,
  SignUpRole,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../database/mongo-errors';
import { RECOVERABLE_WRITE } from '../database/write-concern';
import { conversationIdFor } from './conversation-id';
import type { ConversationSides } from '../common/conversation-sides';
import { isMemberView, type Viewer } from './conversation-parties';
import { assignmentOf, Conversation, LastMessage, Member } from './conversation.schema';
import { laterId, newMessageId } from './message-id';
import { isNote, type StoredMessage } from './message.schema';
import { previewContent, previewOf } from './preview';
import { awaitingAfter } from './reply-state';

/**
 * Conversations whose reading a joining member is given per write (see giveReadBaseline): well
 * under the 100 statements past which an embedded database built without patch 0005 waits for
 * ever (tools/db/patches/0005-update-one-commit.patch).
 */
const READ_BASELINE_BATCH = 50;

/** What a garage has received, per conversation: a joining member's reading (see readBaseline). */
export interface ReadBaseline {
  conversations: { id: Types.ObjectId; count: number; newest: Types.ObjectId }[];
}

/** Above every id: the open end of a range that the embedded database can still read from an index. */
export const MAX_OBJECT_ID = new Types.ObjectId('ffffffffffffffffffffffff');

/** A client, or a garage, as a side of its conversations. */
export interface PartyProfile {
  id: string;
  name: string;
  role: SignUpRole;
  garageName?: string;
}

const sideEntryOf = (party: PartyProfile): Member => ({
  name: party.name,
  role: party.role,
  ...(party.garageName ? { garageName: party.garageName } : {}),
  receivedCount: 0,
  readCount: 0,
});

/** The field holding `partyId`'s folder, given the other side (the smaller id is the first). */
const folderField = (partyId: string, otherPartyId: string) =>
  partyId < otherPartyId ? 'firstFolder' : 'secondFolder';

/** An unread count: what the side received minus what the viewer read, never below zero. */
export const unreadOf = (member: Member | undefined) =>
  Math.max(0, (member?.receivedCount ?? 0) - (member?.readCount ?? 0));

/**
 * The viewer's side as they see it: a client's own entry; to a member of the garage, the
 * garage's received messages against their own reading.
 */
export function sideOf(conversation: Conversation, viewer: Viewer): Member {
  const side = conversation.members[viewer.partyId] ?? { name: '', role: 'garagiste', receivedCount: 0, readCount: 0 };
  if (!isMemberView(viewer)) return side;
  const reader = conversation.readers?.[viewer.userId];
  return {
    name: side.name,
    role: side.role,
    ...(side.garageName ? { garageName: side.garageName } : {}),
    receivedCount: side.receivedCount,
    ...(side.awaitingReply ? { awaitingReply: side.awaitingReply } : {}),
    readCount: reader?.readCount ?? 0,
    ...(reader?.lastReadMessageId ? { lastReadMessageId: reader.lastReadMessageId } : {}),
    ...(reader?.lastReadAt ? { lastReadAt: reader.lastReadAt } : {}),
  };
}

/** A message as the conversation's preview holds it. */
const previewEntryOf = (message: StoredMessage): LastMessage => ({
  id: message._id,
  senderId: message.sender,
  ...(message.senderName ? { senderName: message.senderName } : {}),
  content: previewOf(previewContent(message)),
  ...(message.appointment ? { appointmentId: message.appointment } : {}),
  createdAt: message.createdAt,
  ...(isNote(message) ? { note: true } : {}),
});

/** The newest message the client may see: never an internal note. */
export const clientPreviewOf = (conversation: Conversation): LastMessage | undefined =>
  conversation.clientLastMessage ?? (conversation.lastMessage?.note ? undefined : conversation.lastMessage);

/** The preview the viewer sees: a member of the garage, the newest message; the client, the newest they may see. */
export const previewFor = (conversation: Conversation, viewer: Viewer): LastMessage | undefined =>
  isMemberView(viewer) ? conversation.lastMessage : clientPreviewOf(conversation);

export interface ReadResult {
  conversation: Conversation;
  /** Null when there was nothing new to read. */
  event: MessagesReadEvent | null;
  /**
   * What the client is told of the read: the event itself when the client read; for a member's
   * read, the garage's side's watermark (never an internal note's id), or null when it did not move.
   */
  toClient: MessagesReadEvent | null;
  /** What this read added to a garage member's own read count (for their badge); 0 for a client. */
  memberReadDelta: number;
}

/** One conversation's next messages to record, after its summary as last read (`before`). */
export interface SummaryWrite {
  before: Conversation;
  messages: readonly StoredMessage[];
}

/**
 * What recording one conversation's messages came to: `written`, with the document as read right
 * after (a later write of another replica included, if one came in between); `moved`, the watermark
 * had moved meanwhile and nothing was written (another replica or a recovery recorded them); or
 * `unknown`, in the rare batch where another replica also wrote one of its conversations between
 * the update and the read, so that which update matched cannot be told apart.
 */
export type SummaryOutcome = { kind: 'written'; after: Conversation } | { kind: 'moved' } | { kind: 'unknown' };

/**
 * The conversation documents: one per client and garage, holding the preview, each side's counts
 * and watermarks, and each member of the garage's own reading.
 */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(Conversation.name)
    private readonly conversations: Model<Conversation>,
  ) {}

  findBetween(partyA: string, partyB: string): Promise<Conversation | null> {
    return this.conversations.findById(conversationIdFor(partyA, partyB)).lean<Conversation>().exec();
  }

  async exists(conversationId: Types.ObjectId): Promise<boolean> {
    return (await this.conversations.exists({ _id: conversationId }).exec()) !== null;
  }

  /** The ids of every conversation `userId` is part of, in any folder. */
  async idsOf(userId: string): Promise<Types.ObjectId[]> {
    return (await this.ofParty(userId, {}, { _id: 1 })).map(({ _id }) => _id);
  }

  /**
   * The conversations where the party is either side and `filter` holds, with the `fields` chosen:
   * two index range reads (`{ firstUser, … }` and `{ secondUser, … }`), merged in no order.
   */
  private async ofParty(
    partyId: string,
    filter: Record<string, unknown>,
    fields: Record<string, 1>,
  ): Promise<Conversation[]> {
    const party = new Types.ObjectId(partyId);
    const read = (side: 'firstUser' | 'secondUser') =>
      this.conversations
        .find({ [side]: party, ...filter })
        .select(fields)
        .lean<Conversation[]>()
        .exec();
    const [asFirst, asSecond] = await Promise.all([read('firstUser'), read('secondUser')]);
    return [...asFirst, ...asSecond];
  }

  /** Shows a member under another name, with no garage's; answers the document after, or null when it is gone. */
  renameMember(conversationId: Types.ObjectId, userId: string, name: string): Promise<Conversation | null> {
    return this.conversations
      .findOneAndUpdate(
        { _id: conversationId },
        { $set: { [`members.${userId}.name`]: name }, $unset: { [`members.${userId}.garageName`]: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Conversation>()
      .exec();
  }

  /** Signs the previews of a garage's member's last messages with another name (their account was deleted). */
  async renameLastSender(sender: string, name: string): Promise<void> {
    await this.conversations
      .updateMany(
        { 'lastMessage.senderId': new Types.ObjectId(sender), 'lastMessage.senderName': { $exists: true } },
        { $set: { 'lastMessage.senderName': name } },
        { timestamps: false },
      )
      .exec();
  }

  /** The conversation if the viewer's side is one of its two, otherwise null. */
  async findForViewer(conversationId: string, viewer: Viewer): Promise<Conversation | null> {
    const conversation = await this.conversations.findById(conversationId).lean<Conversation>().exec();
    return conversation && ConversationsService.isParty(conversation, viewer.partyId) ? conversation : null;
  }

  /** Creates the two sides' conversation unless it exists; concurrent first messages meet on the same `_id`. */
  async open(one: PartyProfile, other: PartyProfile): Promise<void> {
    const [first, second] = one.id < other.id ? [one, other] : [other, one];
    try {
      await this.conversations
        .updateOne(
          { _id: conversationIdFor(one.id, other.id) },
          {
            $setOnInsert: {
              firstUser: new Types.ObjectId(first.id),
              secondUser: new Types.ObjectId(second.id),
              firstFolder: 'inbox',
              secondFolder: 'inbox',
              activity: newMessageId(),
              members: { [one.id]: sideEntryOf(one), [other.id]: sideEntryOf(other) },
              assignment: assignmentOf(null),
            },
          },
          { upsert: true },
        )
        .exec();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Records each conversation's next messages after its summary's watermark, in their order, in
   * one update conditional on that watermark: their preview, each side's received count and
   * unanswered message, both sides' inbox. The updates of every conversation go as one
   * `bulkWrite`, then one read by `_id` answers the documents (see SummaryOutcome).
   * An internal note moves the garage's preview only: the client's preview, the list's order,
   * folders, updatedAt and every count stay as they were (nothing the client sees changes).
   * One write per conversation at most: a conversation's recordings go one after the other.
   */
  async recordMany(writes: readonly SummaryWrite[]): Promise<SummaryOutcome[]> {
    if (writes.length === 0) return [];
    // The driver's own calls: the values are already typed, so Mongoose's casting and timestamps
    // would only cost time (updatedAt is set here instead).
    const { matchedCount } = await this.conversations.collection.bulkWrite(
      writes.map(({ before, messages }) => ({ updateOne: recordingOf(before, messages) })),
      { ordered: false, writeConcern: RECOVERABLE_WRITE },
    );
    const found = (await this.conversations.collection
      .find({ _id: { $in: writes.map(({ before }) => before._id) } })
      .toArray()) as unknown as Conversation[];
    const byId = new Map(found.map((conversation) => [conversation._id.toHexString(), conversation]));
    const documents = writes.map(({ before }) => byId.get(before._id.toHexString()));
    // A watermark only goes up: one still below a write's newest message means that write did not
    // match. When every update that did not match shows so, the others are this call's.
    const behind = writes.map(
      ({ messages }, index) => (documents[index]?.recorded?.seq ?? 0) < (messages.at(-1)?.seq ?? 0),
    );
    const told = behind.filter(Boolean).length === writes.length - matchedCount;
    return documents.map((after, index): SummaryOutcome => {
      if (behind[index] || !after) return { kind: 'moved' };
      return told ? { kind: 'written', after } : { kind: 'unknown' };
    });
  }

  findById(conversationId: Types.ObjectId): Promise<Conversation | null> {
    return this.conversations.findById(conversationId).lean<Conversation>().exec();
  }

  /**
   * Follows an edit or a deletion in the previews that show that message (the garage's, and the
   * client's unless it is an internal note); null when none does.
   */
  async reviseLastMessage(message: StoredMessage): Promise<Conversation | null> {
    const revise = (field: 'lastMessage' | 'clientLastMessage') =>
      this.conversations
        .findOneAndUpdate(
          { _id: message.conversation, [`${field}.id`]: message._id },
          {
            $set: {
              [`${field}.content`]: previewOf(message.content),
              ...(message.deletedAt ? { [`${field}.deletedAt`]: message.deletedAt } : {}),
            },
          },
          { returnDocument: 'after', timestamps: false },
        )
        .lean<Conversation>()
        .exec();
    const garages = await revise('lastMessage');
    // The garage's preview shows it and the client's (absent until a note came) does not: done.
    if (isNote(message) || (garages && !garages.clientLastMessage?.id.equals(message._id))) return garages;
    return (await revise('clientLastMessage')) ?? garages;
  }

  /**
   * Marks read everything the viewer's side had received when the conversation was read: one
   * update by `_id`, whatever the backlog. Watermarks and read counts only go up (`$max`), so a
   * message arriving meanwhile stays unread and two tabs reading at once agree. A member of the
   * garage moves their own reading (up to the newest message, an internal note included) and the
   * garage's side (read as soon as one member read; up to the newest message the client may see).
   */
  async markRead(conversation: Conversation, viewer: Viewer): Promise<ReadResult> {
    const side = sideOf(conversation, viewer);
    const member = isMemberView(viewer);
    const visible = clientPreviewOf(conversation)?.id;
    const newest = member ? conversation.lastMessage?.id : visible;
    if (!newest || (unreadOf(side) === 0 && side.lastReadMessageId?.equals(newest))) {
      return { conversation, event: null, toClient: null, memberReadDelta: 0 };
    }
    const readAt = new Date();
    const received = conversation.members[viewer.partyId]?.receivedCount ?? 0;
    const marks: ReadMark[] = [
      ...(visible ? [{ path: `members.${viewer.partyId}`, upTo: visible }] : []),
      ...(member ? [{ path: `readers.${viewer.userId}`, upTo: newest }] : []),
    ];
    const max: Record<string, unknown> = {};
    const set: Record<string, Date> = {};
    for (const { path, upTo } of marks) {
      max[`${path}.readCount`] = received;
      max[`${path}.lastReadMessageId`] = upTo;
      set[`${path}.lastReadAt`] = readAt;
    }
    // The document before the update: what this read added to the member's reading is exactly
    // what it raised, even with another tab of theirs reading on another replica at once.
    const prior = (await this.conversations.collection.findOneAndUpdate(
      { _id: conversation._id },
      { $max: max, $set: set },
      { returnDocument: 'before' },
    )) as Conversation | null;
    if (!prior) throw new Error(`conversation ${conversation._id.toHexString()} vanished`);
    const updated = afterRead(prior, marks, received, readAt);
    const read = sideOf(updated, viewer).lastReadMessageId;
    const watermark = read ? laterId(read, newest) : newest;
    const priorRead = member ? (prior.readers?.[viewer.userId]?.readCount ?? 0) : received;
    const event: MessagesReadEvent = {
      conversationId: conversation._id.toHexString(),
      readerId: viewer.userId,
      lastReadMessageId: watermark.toHexString(),
      readAt: readAt.toISOString(),
    };
    const sideBefore = prior.members[viewer.partyId]?.lastReadMessageId;
    const sideAfter = updated.members[viewer.partyId]?.lastReadMessageId;
    const sideMoved = sideAfter !== undefined && !sideBefore?.equals(sideAfter);
    return {
      conversation: updated,
      event,
      toClient: !member ? event : sideMoved ? { ...event, lastReadMessageId: sideAfter.toHexString() } : null,
      memberReadDelta: Math.max(0, received - priorRead),
    };
  }

  /**
   * Puts the conversation in one of my side's folders (the other side's is left alone; a garage's
   * is its members'); null when the two sides have no conversation. Changes nothing else, updatedAt included.
   */
  setFolder(partyId: string, otherPartyId: string, folder: ConversationFolder): Promise<Conversation | null> {
    return this.conversations
      .findOneAndUpdate(
        { _id: conversationIdFor(partyId, otherPartyId) },
        { $set: { [folderField(partyId, otherPartyId)]: folder } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean<Conversation>()
      .exec();
  }

  /**
   * Assigns the client's conversation with the garage to one of its members, or to nobody; null
   * when they have no conversation. Changes nothing else, updatedAt included.
   */
  assign(garageId: string, clientId: string, assignee: { id: string; name: string } | null) {
    return this.conversations
      .findOneAndUpdate(
        { _id: conversationIdFor(garageId, clientId) },
        assignee
          ? {
              $set: {
                assignee: new Types.ObjectId(assignee.id),
                assigneeName: assignee.name,
                assignment: assignmentOf(assignee.id),
              },
            }
          : { $set: { assignment: assignmentOf(null) }, $unset: { assignee: 1, assigneeName: 1 } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean<Conversation>()
      .exec();
  }

  /**
   * What the garage has received so far, conversation by conversation (each one's received count
   * and newest message): two index range reads of those fields.
   */
  async readBaseline(garageId: string): Promise<ReadBaseline> {
    const found = await this.ofParty(garageId, {}, { [`members.${garageId}.receivedCount`]: 1, 'lastMessage.id': 1 });
    const conversations = found.flatMap((conversation) => {
      const count = conversation.members?.[garageId]?.receivedCount ?? 0;
      const newest = conversation.lastMessage?.id;
      return count > 0 && newest ? [{ id: conversation._id, count, newest }] : [];
    });
    return { conversations };
  }

  /**
   * Gives a member who joined the garage their reading of each conversation up to that baseline
   * (`readers.<member>`), where they have none yet: a read of theirs meanwhile stands, and counted
   * itself. One update by `_id` per conversation, in bulk writes one after the other; `written` is
   * told, after each, how many messages the readings it wrote hold (for the member's badge).
   */
  async giveReadBaseline(
    memberId: string,
    baseline: ReadBaseline,
    written: (messages: number) => Promise<void>,
  ): Promise<void> {
    const reader = `readers.${memberId}`;
    const readAt = new Date();
    for (let start = 0; start < baseline.conversations.length; start += READ_BASELINE_BATCH) {
      const batch = baseline.conversations.slice(start, start + READ_BASELINE_BATCH);
      const result = await this.conversations.collection.bulkWrite(
        batch.map(({ id, count, newest }) => ({
          updateOne: {
            filter: { _id: id, [reader]: { $exists: false } },
            update: { $set: { [reader]: { readCount: count, lastReadMessageId: newest, lastReadAt: readAt } } },
          },
        })),
        { ordered: false },
      );
      if (result.modifiedCount === batch.length) {
        await written(batch.reduce((sum, { count }) => sum + count, 0));
        continue;
      }
      // The member read some of these meanwhile: only the readings this wrote (its `readAt`) count.
      let messages = 0;
      for (const { id, count } of batch) {
        const entry = await this.conversations
          .findById(id)
          .select({ [`${reader}.lastReadAt`]: 1 })
          .lean<Conversation>()
          .exec();
        if (entry?.readers?.[memberId]?.lastReadAt?.getTime() === readAt.getTime()) messages += count;
      }
      await written(messages);
    }
  }

  /**
   * The garage's conversations assigned to this member, in both folders: two index range reads (the
   * garage is the first or the second side; `{ user, folder, assignment, activity }` by its prefix).
   */
  async assignedTo(garageId: string, memberId: string): Promise<Types.ObjectId[]> {
    const found = await this.ofParty(garageId, { assignment: assignmentOf(memberId) }, { _id: 1 });
    return found.map(({ _id }) => _id);
  }

  /**
   * Unassigns the conversation if it is still assigned to this member (they left the garage);
   * answers the document after, or null when someone assigned it otherwise meanwhile.
   */
  unassign(conversationId: Types.ObjectId, memberId: string): Promise<Conversation | null> {
    return this.conversations
      .findOneAndUpdate(
        { _id: conversationId, assignment: assignmentOf(memberId) },
        { $set: { assignment: assignmentOf(null) }, $unset: { assignee: 1, assigneeName: 1 } },
        { returnDocument: 'after', timestamps: false },
      )
      .lean<Conversation>()
      .exec();
  }

  /**
   * My side's conversations in one folder, newest activity first, paged by activity. My side is the
   * first or the second of each: two index range reads ({ user, folder, activity }, or with the
   * assignee filter { user, folder, assignment, activity }: an equality either way), merged. Each
   * document is read with what its view needs (listedFields): a member's own reading, not the team's.
   */
  async listFor(
    viewer: Viewer,
    folder: ConversationFolder,
    cursor: string | undefined,
    limit: number,
    assigned?: AssignmentFilter,
  ): Promise<Page<ConversationView>> {
    const me = new Types.ObjectId(viewer.partyId);
    const before = { $lt: cursor ? new Types.ObjectId(cursor) : MAX_OBJECT_ID };
    const assignment = assigned ? { assignment: assignmentOf(assigned === 'me' ? viewer.userId : null) } : {};
    const fields = listedFields(viewer);
    const read = (side: 'first' | 'second') =>
      this.conversations
        .find({ [`${side}User`]: me, [`${side}Folder`]: folder, ...assignment, activity: before })
        .select(fields)
        .sort({ activity: -1 })
        .limit(limit + 1)
        .lean<Conversation[]>()
        .exec();
    const [asFirst, asSecond] = await Promise.all([read('first'), read('second')]);
    const found = [...asFirst, ...asSecond].sort((a, b) =>
      a.activity.toHexString() < b.activity.toHexString() ? 1 : -1,
    );
    const page = found.slice(0, limit);
    return {
      items: page.map((conversation) => ConversationsService.toView(conversation, viewer)),
      nextCursor: found.length > limit ? page[page.length - 1].activity.toHexString() : null,
    };
  }

  /**
   * What a side has received in all its conversations, counted from the conversations themselves:
   * two index range reads of one field, for a recovery to set a garage's received total whole.
   */
  async receivedBy(partyId: string): Promise<number> {
    const found = await this.ofParty(partyId, {}, { [`members.${partyId}.receivedCount`]: 1 });
    return found.reduce((sum, conversation) => sum + (conversation.members[partyId]?.receivedCount ?? 0), 0);
  }

  static isParty(conversation: Conversation, partyId: string): boolean {
    return conversation.firstUser.equals(partyId) || conversation.secondUser.equals(partyId);
  }

  /** Which side is the client and which the garage. */
  static sidesOf(conversation: Conversation): ConversationSides {
    const [first, second] = [conversation.firstUser.toHexString(), conversation.secondUser.toHexString()];
    return conversation.members[first]?.role === 'client'
      ? { clientId: first, garageId: second }
      : { clientId: second, garageId: first };
  }

  static otherParty(conversation: Conversation, partyId: string): string {
    return (conversation.firstUser.equals(partyId) ? conversation.secondUser : conversation.firstUser).toHexString();
  }

  /** The conversation as the viewer sees it. */
  static toView(conversation: Conversation, viewer: Viewer): ConversationView {
    const otherId = ConversationsService.otherParty(conversation, viewer.partyId);
    const other = conversation.members[otherId];
    const last = previewFor(conversation, viewer);
    return {
      id: conversation._id.toHexString(),
      otherUser: {
        id: otherId,
        name: other?.name ?? '',
        role: other?.role ?? 'client',
        ...(other?.garageName ? { garageName: other.garageName } : {}),
      },
      ...(last
        ? {
            lastMessage: {
              id: last.id.toHexString(),
              senderId: last.senderId.toHexString(),
              ...(last.senderName ? { senderName: last.senderName } : {}),
              content: last.content,
              ...(last.appointmentId ? { appointmentId: last.appointmentId.toHexString() } : {}),
              createdAt: last.createdAt.toISOString(),
              ...(last.deletedAt ? { deletedAt: last.deletedAt.toISOString() } : {}),
              ...(last.note ? { note: true } : {}),
            },
          }
        : {}),
      unreadCount: unreadOf(sideOf(conversation, viewer)),
      ...(conversation.assignee && isMemberView(viewer)
        ? { assignee: { id: conversation.assignee.toHexString(), name: conversation.assigneeName ?? '' } }
        : {}),
      archived:
        (conversation.firstUser.equals(viewer.partyId) ? conversation.firstFolder : conversation.secondFolder) ===
        'archived',
      ...(other?.lastReadMessageId ? { otherLastReadMessageId: other.lastReadMessageId.toHexString() } : {}),
      updatedAt: conversation.updatedAt.toISOString(),
    };
  }
}

/**
 * What the list shows of a conversation (toView), and what pages it: a team's documents carry
 * every member's reading (`readers.<id>`), of which the viewer's page needs their own only, so the
 * page's documents come back and are decoded at the size of a garagiste alone's.
 */
function listedFields(viewer: Viewer): Record<string, 1> {
  return {
    firstUser: 1,
    secondUser: 1,
    firstFolder: 1,
    secondFolder: 1,
    activity: 1,
    members: 1,
    assignee: 1,
    assigneeName: 1,
    lastMessage: 1,
    clientLastMessage: 1,
    updatedAt: 1,
    ...(isMemberView(viewer) ? { [`readers.${viewer.userId}`]: 1 } : {}),
  };
}

/** One entry a read raises (`members.<party>` or `readers.<user>`) and the message it is read up to. */
interface ReadMark {
  path: string;
  upTo: Types.ObjectId;
}

/** The document as a read made it, from the one before: the same `$max` and `$set`, applied here. */
function afterRead(prior: Conversation, marks: readonly ReadMark[], received: number, readAt: Date): Conversation {
  const raise = (
    entry: { readCount?: number; lastReadMessageId?: Types.ObjectId } | undefined,
    upTo: Types.ObjectId,
  ) => ({
    ...entry,
    readCount: Math.max(entry?.readCount ?? 0, received),
    lastReadMessageId: entry?.lastReadMessageId ? laterId(entry.lastReadMessageId, upTo) : upTo,
    lastReadAt: readAt,
  });
  const members = { ...prior.members };
  const readers = { ...prior.readers };
  for (const { path, upTo } of marks) {
    const [map, key] = path.split('.');
    if (map === 'members') members[key] = { ...members[key], ...raise(members[key], upTo) };
    else readers[key] = raise(readers[key], upTo);
  }
  return { ...prior, members, ...(Object.keys(readers).length > 0 ? { readers } : {}) };
}

/** The update that records the next messages after the summary's watermark (see recordMany). */
function recordingOf(before: Conversation, messages: readonly StoredMessage[]) {
  const newest = messages[messages.length - 1];
  const visible = messages.filter((message) => !isNote(message));
  const newestVisible = visible.at(-1);
  const set: Record<string, unknown> = {
    recorded: { seq: newest.seq ?? 0, id: newest._id },
    lastMessage: previewEntryOf(newest),
  };
  if (newestVisible) {
    Object.assign(set, {
      clientLastMessage: previewEntryOf(newestVisible),
      activity: laterId(before.activity, newestVisible._id),
      firstFolder: 'inbox',
      secondFolder: 'inbox',
      updatedAt: new Date(),
    });
  } else {
    // The client's preview was the garage's until now: kept apart from here on.
    const clientPreview = clientPreviewOf(before);
    if (clientPreview && !before.clientLastMessage) set['clientLastMessage'] = clientPreview;
  }
  const inc: Record<string, number> = {};
  for (const message of visible) {
    const path = `members.${message.recipient.toHexString()}.receivedCount`;
    inc[path] = (inc[path] ?? 0) + 1;
  }
  const unset: Record<string, ''> = {};
  for (const [partyId, awaiting] of awaitingAfter(before.members, messages, [before.firstUser, before.secondUser])) {
    if (awaiting) set[`members.${partyId}.awaitingReply`] = awaiting;
    else unset[`members.${partyId}.awaitingReply`] = '';
  }
  const watermark = before.recorded ? { 'recorded.seq': before.recorded.seq } : { recorded: { $exists: false } };
  return {
    filter: { _id: before._id, ...watermark },
    update: {
      $set: set,
      ...(Object.keys(inc).length > 0 ? { $inc: inc } : {}),
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    },
  };
}
