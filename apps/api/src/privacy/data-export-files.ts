import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { GridFSBucket, ObjectId, type Binary, type Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const BUCKET = 'data_exports';

interface ChunkDocument {
  files_id: ObjectId;
  n: number;
  data: Binary;
}

/**
 * The zips of data exports, in GridFS (`data_exports.files`, `.chunks`): written as a stream by
 * the driver's bucket, read back chunk by chunk with plain equalities (which the embedded database
 * serves from the `{ files_id, n }` index, see GridFsAttachmentStorage).
 */
@Injectable()
export class DataExportFiles {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private db(): Db {
    const db = this.connection.db;
    if (!db) throw new Error('the database connection is not open');
    return db;
  }

  /** Stores what `source` gives, as it comes; answers its key and size. */
  async write(source: NodeJS.ReadableStream, name: string): Promise<{ key: string; size: number }> {
    const upload = new GridFSBucket(this.db(), { bucketName: BUCKET }).openUploadStream(name, {
      metadata: { contentType: 'application/zip' },
    });
    await pipeline(source, upload);
    return { key: upload.id.toHexString(), size: upload.length };
  }

  /** The stored bytes, a chunk at a time. */
  read(key: string): Readable {
    const chunks = this.db()
      .collection<ChunkDocument>(`${BUCKET}.chunks`)
      .find({ files_id: new ObjectId(key) }, { sort: { n: 1 }, projection: { data: 1 } });
    return Readable.from(
      (async function* () {
        for await (const chunk of chunks) yield chunk.data.buffer;
      })(),
    );
  }

  /** Removes a zip; one already gone is not an error. */
  async delete(key: string): Promise<void> {
    const id = new ObjectId(key);
    await this.db().collection(`${BUCKET}.chunks`).deleteMany({ files_id: id });
    await this.db().collection(`${BUCKET}.files`).deleteOne({ _id: id });
  }
}
