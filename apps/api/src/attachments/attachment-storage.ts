/**
 * Where attachment bytes live. GridFS on the application's database is the default (every replica
 * sees it, backups include it); an S3-compatible store can replace it by providing this class.
 */
export abstract class AttachmentStorage {
  /** Stores the bytes and answers the key that reads them back. */
  abstract put(data: Buffer, contentType: string): Promise<string>;

  /** The bytes stored under the key, or null when there are none. */
  abstract get(key: string): Promise<Buffer | null>;

  /** Removes the bytes; a key already gone is not an error. */
  abstract delete(key: string): Promise<void>;
}
