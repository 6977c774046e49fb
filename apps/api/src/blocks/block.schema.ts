import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

export const BLOCKING_SIDES = ['client', 'garage'] as const;
/** The side that blocked: the client, or the garage (one of its members, for the whole team). */
export type BlockingSide = (typeof BLOCKING_SIDES)[number];

/**
 * One side of a client–garage pair blocking the other. Each side blocks and unblocks on its own:
 * the pair may hold two blocks, and either keeps them apart.
 */
@Schema({ collection: 'blocks', timestamps: { createdAt: true, updatedAt: false } })
export class Block {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  client!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  garage!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: BLOCKING_SIDES })
  by!: BlockingSide;

  /** The person who blocked: the client, or the garage's member. */
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  blockedBy!: Types.ObjectId;

  /** The member's name, shown to the rest of the garage (absent on the client's side). */
  @Prop()
  blockedByName?: string;

  createdAt!: Date;
}

export type BlockDocument = HydratedDocument<Block>;
export const BlockSchema = SchemaFactory.createForClass(Block);
// A pair's blocks in one read (the send path's check); each side blocks a pair once.
BlockSchema.index({ client: 1, garage: 1, by: 1 }, { unique: true });
// A garage's list; a client's is served by the index above.
BlockSchema.index({ garage: 1, by: 1 });
