import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { GridFSBucket, ObjectId, type Binary, type Collection, type Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { AttachmentStorage } from './attachment-storage';

const BUCKET = 'attachments';

interface FileDocument {
  _id: ObjectId;
  length: number;
}

interface ChunkDocument {
  files_id: ObjectId;
  n: number;
  data: Binary;
}

/**
 * Attachment bytes in GridFS (`attachments.files`, `attachments.chunks`) on the application's
 * database, written by the driver's GridFSBucket. Reads and deletes use plain equalities instead
 * of the bucket's `{ $eq: id }` filters: the embedded database serves those from the
 * `{ files_id, n }` index, where `$eq` reads every chunk of every file (seconds per thumbnail).
 */
@Injectable()
export class GridFsAttachmentStorage extends AttachmentStorage {
  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  private db(): Db {
    const db = this.connection.db;
    if (!db) throw new Error('the database connection is not open');
    return db;
  }

  private files(): Collection<FileDocument> {
    return this.db().collection<FileDocument>(`${BUCKET}.files`);
  }

  private chunks(): Collection<ChunkDocument> {
    return this.db().collection<ChunkDocument>(`${BUCKET}.chunks`);
  }

  async put(data: Buffer, contentType: string): Promise<string> {
    const upload = new GridFSBucket(this.db(), { bucketName: BUCKET }).openUploadStream('attachment', {
      metadata: { contentType },
    });
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(data);
    });
    return upload.id.toHexString();
  }

  async get(key: string): Promise<Buffer | null> {
    const id = new ObjectId(key);
    const file = await this.files().findOne({ _id: id }, { projection: { length: 1 } });
    if (!file) return null;
    const chunks = await this.chunks()
      .find({ files_id: id }, { sort: { n: 1 }, projection: { n: 1, data: 1 } })
      .toArray();
    const data = Buffer.concat(chunks.map((chunk) => chunk.data.buffer));
    if (data.length !== file.length) throw new Error(`attachment file ${key} is incomplete`);
    return data;
  }

  async delete(key: string): Promise<void> {
    const id = new ObjectId(key);
    await this.chunks().deleteMany({ files_id: id });
    await this.files().deleteOne({ _id: id });
  }
}
