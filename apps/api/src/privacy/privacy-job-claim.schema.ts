import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The right to run one privacy job from one due time: `_id` is `<job id>@<dueAt ms>`. Inserting it
 * is the claim (a unique `_id`, atomic on MongoDB and on the embedded FerretDB alike), so of the
 * replicas polling the same job exactly one runs it.
 */
@Schema({ collection: 'privacy_job_claims', versionKey: false })
export class PrivacyJobClaim {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  claimedAt!: Date;
}

export const PrivacyJobClaimSchema = SchemaFactory.createForClass(PrivacyJobClaim);
PrivacyJobClaimSchema.index({ claimedAt: 1 });
