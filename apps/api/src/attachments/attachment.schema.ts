import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AttachmentKind, AttachmentMimeType } from '@promoto/shared-dto';
import { SchemaTypes, Types } from 'mongoose';

/**
 * One upload: its description and where its bytes are stored. It belongs to its uploader until a
 * send claims it (`sentWith`, the message's idempotency key, and `recipient`); `message` is set
 * once that message is stored. Uploads never sent are deleted after 24 hours, a deleted message's
 * at once.
 */
@Schema({ collection: 'attachments', timestamps: { createdAt: true, updatedAt: false } })
export class Attachment {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  owner!: Types.ObjectId;

  @Prop({ type: String, required: true })
  kind!: AttachmentKind;

  @Prop({ required: true })
  name!: string;

  /** Bytes of the stored file (the re-encoded image for an image). */
  @Prop({ required: true })
  size!: number;

  @Prop({ type: String, required: true })
  mimeType!: AttachmentMimeType;

  @Prop()
  width?: number;

  @Prop()
  height?: number;

  /** The storage key of the file. */
  @Prop({ required: true })
  fileKey!: string;

  /** The storage key of the thumbnail (images only). */
  @Prop()
  thumbnailKey?: string;

  @Prop()
  sentWith?: string;

  /** The other side of the conversation it was sent in: the client, or the garage (its id). */
  @Prop({ type: SchemaTypes.ObjectId })
  recipient?: Types.ObjectId;

  /** The garage, when one of its members sent it: every member sees it, as the client does. */
  @Prop({ type: SchemaTypes.ObjectId })
  ownerGarage?: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId })
  message?: Types.ObjectId;

  createdAt!: Date;
}

export type StoredAttachment = Attachment & { _id: Types.ObjectId };
export const AttachmentSchema = SchemaFactory.createForClass(Attachment);
// The uploader's files (quota), the unsent ones by age (orphan sweep), a deleted message's files.
AttachmentSchema.index({ owner: 1, _id: 1 });
AttachmentSchema.index({ createdAt: 1 });
AttachmentSchema.index({ message: 1 });
