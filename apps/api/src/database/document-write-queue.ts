import { Injectable } from '@nestjs/common';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';

/**
 * Runs this process's updates of one document one after another. MongoDB applies `$inc` and
 * `$max` atomically, but FerretDB 1.24 applies an update as a read followed by a write, so two
 * concurrent updates of one document (two tabs marking read, two people's messages counted in
 * one conversation) could both read the old value and one would be lost. On MongoDB this only
 * orders what was already safe.
 */
@Injectable()
export class DocumentWriteQueue {
  private readonly queue = new KeyedSerialQueue();

  run<T>(collection: string, id: { toString(): string }, write: () => Promise<T>): Promise<T> {
    return this.queue.run(`${collection}:${id.toString()}`, write);
  }
}
