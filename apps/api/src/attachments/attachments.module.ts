import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { AttachmentFileResponder } from './attachment-file-responder';
import { AttachmentLinks } from './attachment-links';
import { AttachmentProcessor } from './attachment-processor';
import { AttachmentStorage } from './attachment-storage';
import { Attachment, AttachmentSchema } from './attachment.schema';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { DeletedMessageFiles } from './deleted-message-files';
import { GridFsAttachmentStorage } from './gridfs-attachment-storage';
import { OrphanSweeper } from './orphan-sweeper';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { KeysModule } from '../keys/keys.module';

/** Photos and documents: uploads, their storage (GridFS unless another AttachmentStorage is bound), signed links. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Attachment.name, schema: AttachmentSchema }]),
    AuthModule,
    RateLimitModule,
    KeysModule,
  ],
  controllers: [AttachmentsController],
  providers: [
    { provide: AttachmentStorage, useClass: GridFsAttachmentStorage },
    AttachmentProcessor,
    AttachmentsService,
    AttachmentLinks,
    AttachmentFileResponder,
    OrphanSweeper,
    DeletedMessageFiles,
  ],
  exports: [AttachmentsService, AttachmentLinks],
})
export class AttachmentsModule {}
