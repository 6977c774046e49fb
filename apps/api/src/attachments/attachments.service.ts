import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { ERROR_CODES, type UploadedAttachmentView } from '@promoto/shared-dto';
import { Model, Types, type Connection } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { AppException, badRequest } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { UploadRateLimiter } from '../rate-limit/upload-rate-limiter';
import type { MessageAttachment } from './attachment-links';
import { AttachmentProcessor } from './attachment-processor';
import { AttachmentStorage } from './attachment-storage';
import { Attachment, type StoredAttachment } from './attachment.schema';
import { displayName } from './display-name';

/** A file to serve: its bytes and how to describe them. */
export interface AttachmentFile {
  data: Buffer;
  contentType: string;
  name: string;
  download: boolean;
}

/** Uploads (type, re-encoding, rate and quota), their claim by a send, and reading them back. */
@Injectable()
export class AttachmentsService {
  private readonly quotaBytes: number;

  constructor(
    @InjectModel(Attachment.name) private readonly attachments: Model<Attachment>,
    @InjectConnection() private readonly connection: Connection,
    private readonly storage: AttachmentStorage,
    private readonly processor: AttachmentProcessor,
    private readonly rateLimiter: UploadRateLimiter,
    config: ConfigService<Environment, true>,
  ) {
    this.quotaBytes = config.get('ATTACHMENT_QUOTA_MB', { infer: true }) * 1024 * 1024;
  }

  async upload(user: AuthUser, original: Buffer, originalName: string): Promise<UploadedAttachmentView> {
    await this.rateLimiter.consume(user.id);
    const processed = await this.processor.process(original);
    const owner = new Types.ObjectId(user.id);
    const used = await this.bytesOwnedBy(owner);
    if (used + processed.data.length > this.quotaBytes) {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        ERROR_CODES.QUOTA_EXCEEDED,
        `Votre espace de fichiers est plein (${Math.round(this.quotaBytes / (1024 * 1024))} Mo) : ce fichier n’a pas été envoyé.`,
      );
    }
    const fileKey = await this.storage.put(processed.data, processed.mimeType);
    const thumbnailKey = processed.thumbnail ? await this.storage.put(processed.thumbnail, 'image/webp') : undefined;
    const created = await this.attachments.create({
      owner,
      kind: processed.kind,
      name: displayName(originalName, processed.mimeType),
      size: processed.data.length,
      mimeType: processed.mimeType,
      ...(processed.width ? { width: processed.width, height: processed.height } : {}),
      fileKey,
      ...(thumbnailKey ? { thumbnailKey } : {}),
    });
    return uploadedView(created.toObject<StoredAttachment>());
  }

  /**
   * Reserves my unsent uploads for the message with this idempotency key, in the order given.
   * A retry of the same send finds them reserved under its own key and gets them again.
   * `recipient` is the other side; `ownerGarage` my garage, when I write as one of its members.
   */
  async claim(
    owner: Types.ObjectId,
    recipient: Types.ObjectId,
    ids: readonly string[],
    idempotencyKey: string,
    ownerGarage?: Types.ObjectId,
  ): Promise<MessageAttachment[]> {
    const objectIds = ids.map((id) => new Types.ObjectId(id));
    const claimable = {
      _id: { $in: objectIds },
      owner,
      $or: [{ sentWith: { $exists: false } }, { sentWith: idempotencyKey }],
    };
    await this.attachments
      .updateMany(claimable, { $set: { sentWith: idempotencyKey, recipient, ...(ownerGarage ? { ownerGarage } : {}) } })
      .exec();
    const claimed = await this.attachments
      .find({ _id: { $in: objectIds }, owner, sentWith: idempotencyKey })
      .lean<StoredAttachment[]>()
      .exec();
    if (claimed.length !== ids.length) {
      throw badRequest('attachmentIds must be your own uploads, not sent yet', [
        'attachmentIds must name uploads of yours (POST /api/attachments) that no other message carries',
      ]);
    }
    const byId = new Map(claimed.map((attachment) => [attachment._id.toHexString(), attachment]));
    return ids.map((id) => describe(byId.get(id) as StoredAttachment));
  }

  /**
   * A PDF the API wrote about a message (a quote's), stored like a sent upload of its author: the
   * same storage, the same sides who may open it, the same signed links, and counted in the
   * author's quota like their uploads (a few kilobytes).
   */
  async storeDocument(document: {
    owner: Types.ObjectId;
    recipient: Types.ObjectId;
    ownerGarage?: Types.ObjectId;
    message: Types.ObjectId;
    name: string;
    data: Buffer;
  }): Promise<MessageAttachment> {
    const fileKey = await this.storage.put(document.data, 'application/pdf');
    const created = await this.attachments.create({
      owner: document.owner,
      kind: 'document',
      name: document.name,
      size: document.data.length,
      mimeType: 'application/pdf',
      fileKey,
      sentWith: `document:${document.message.toHexString()}:${fileKey}`,
      recipient: document.recipient,
      ...(document.ownerGarage ? { ownerGarage: document.ownerGarage } : {}),
      message: document.message,
    });
    return describe(created.toObject<StoredAttachment>());
  }

  /** Whether a file's record is still there (a document whose author's account was erased is not). */
  async isStored(id: string): Promise<boolean> {
    return (await this.attachments.exists({ _id: new Types.ObjectId(id) }).exec()) !== null;
  }

  /** Records that the message carrying these uploads is stored: they are no longer orphans. */
  async markSent(ids: readonly string[], message: Types.ObjectId): Promise<void> {
    await this.attachments
      .updateMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { $set: { message } })
      .exec();
  }

  /**
   * The files of a deleted message: their records go first, so that every link already handed out
   * answers 404 from then on, then their bytes (and their weight leaves the sender's quota), then
   * the message's descriptions of them. What a crash leaves, DeletedMessageFiles removes later.
   */
  discardOf(messageId: string): Promise<void> {
    return this.discardOfMessages([new Types.ObjectId(messageId)]);
  }

  /**
   * The files of messages about to go, as a deleted message's (with those the API wrote about them,
   * a quote's PDF): their uploads found in one read for them all.
   */
  async discardOfMessages(messageIds: readonly Types.ObjectId[]): Promise<void> {
    if (messageIds.length === 0) return;
    const attachments = await this.attachments
      .find({ message: { $in: messageIds } })
      .lean<StoredAttachment[]>()
      .exec();
    if (attachments.length === 0) return;
    await this.attachments.deleteMany({ _id: { $in: attachments.map(({ _id }) => _id) } }).exec();
    for (const attachment of attachments) await this.deleteFiles(attachment);
    // Found by their message: each has one.
    const carriers = new Map(attachments.map(({ message }) => [String(message), message as Types.ObjectId]));
    await this.connection
      .collection('messages')
      .updateMany({ _id: { $in: [...carriers.values()] } }, { $unset: { attachments: '' } });
  }

  /**
   * A document the API wrote that a newer one replaced (a quote's PDF of a state since passed): its
   * record first, so that its links answer 404, then its bytes, and its weight leaves the quota.
   */
  async discardDocument(id: string): Promise<void> {
    const document = await this.attachments
      .findOneAndDelete({ _id: new Types.ObjectId(id), kind: 'document' })
      .lean<StoredAttachment>()
      .exec();
    if (document) await this.deleteFiles(document);
  }

  /**
   * Every upload of an account being deleted: the sent ones as a deleted message's (their messages
   * lose their descriptions, their links answer 404), then the unsent ones. Idempotent.
   */
  async eraseOwnedBy(ownerId: string): Promise<void> {
    const owned = await this.attachments
      .find({ owner: new Types.ObjectId(ownerId) })
      .lean<StoredAttachment[]>()
      .exec();
    // The messages carrying them, their files found again in one read for them all.
    const carriers = new Map(owned.flatMap(({ message }) => (message ? [[message.toHexString(), message]] : [])));
    await this.discardOfMessages([...carriers.values()]);
    for (const attachment of owned.filter(({ message }) => !message)) {
      await this.attachments.deleteOne({ _id: attachment._id }).exec();
      await this.deleteFiles(attachment);
    }
  }

  /**
   * The file (or thumbnail) of a sent attachment; with a viewer, only when they are on one of the
   * conversation's sides: its sender, the client, or a member of the garage. Null for anything
   * else, which the caller answers like a missing file.
   */
  async open(id: string, thumbnail: boolean, viewer: AuthUser | null): Promise<AttachmentFile | null> {
    const attachment = await this.attachments.findById(id).lean<StoredAttachment>().exec();
    if (!attachment?.message || !attachment.recipient) return null;
    if (viewer) {
      const sides = [
        attachment.owner,
        attachment.recipient,
        ...(attachment.ownerGarage ? [attachment.ownerGarage] : []),
      ];
      const mine = [viewer.id, ...(viewer.garageId ? [viewer.garageId] : [])];
      if (!sides.some((side) => mine.some((id) => side.equals(id)))) return null;
    }
    const key = thumbnail ? attachment.thumbnailKey : attachment.fileKey;
    const data = key ? await this.storage.get(key) : null;
    if (!data) return null;
    return {
      data,
      contentType: thumbnail ? 'image/webp' : attachment.mimeType,
      name: attachment.name,
      download: !thumbnail && attachment.kind === 'document',
    };
  }

  private async deleteFiles({ fileKey, thumbnailKey }: StoredAttachment): Promise<void> {
    await this.storage.delete(fileKey);
    if (thumbnailKey) await this.storage.delete(thumbnailKey);
  }

  private async bytesOwnedBy(owner: Types.ObjectId): Promise<number> {
    const sizes = await this.attachments.find({ owner }, { size: 1 }).lean<{ size: number }[]>().exec();
    return sizes.reduce((total, { size }) => total + size, 0);
  }
}

function describe(attachment: StoredAttachment): MessageAttachment {
  return { ...uploadedView(attachment), hasThumbnail: Boolean(attachment.thumbnailKey) };
}

function uploadedView(attachment: StoredAttachment): UploadedAttachmentView {
  return {
    id: attachment._id.toHexString(),
    kind: attachment.kind,
    name: attachment.name,
    size: attachment.size,
    mimeType: attachment.mimeType,
    ...(attachment.width ? { width: attachment.width, height: attachment.height } : {}),
  };
}
