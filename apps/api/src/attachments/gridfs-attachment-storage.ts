import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { GridFSBucket, MongoRuntimeError, ObjectId } from 'mongodb';
import type { Connection } from 'mongoose';
import { AttachmentStorage } from './attachment-storage';

const BUCKET = 'attachments';

/** Attachment bytes in GridFS (`attachments.files`, `attachments.chunks`) on the application's database. */
@Injectable()
export class GridFsAttachmentStorage extends AttachmentStorage {
  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  private bucket(): GridFSBucket {
    const db = this.connection.db;
    if (!db) throw new Error('the database connection is not open');
    return new GridFSBucket(db, { bucketName: BUCKET });
  }

  async put(data: Buffer, contentType: string): Promise<string> {
    const upload = this.bucket().openUploadStream('attachment', { metadata: { contentType } });
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(data);
    });
    return upload.id.toHexString();
  }

  async get(key: string): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of this.bucket().openDownloadStream(new ObjectId(key))) chunks.push(chunk as Buffer);
    } catch (error) {
      if (error instanceof MongoRuntimeError && /FileNotFound/i.test(error.message)) return null;
      throw error;
    }
    return Buffer.concat(chunks);
  }

  async delete(key: string): Promise<void> {
    try {
      await this.bucket().delete(new ObjectId(key));
    } catch (error) {
      if (error instanceof MongoRuntimeError && /not found/i.test(error.message)) return;
      throw error;
    }
  }
}
