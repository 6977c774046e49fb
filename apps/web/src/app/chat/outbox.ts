import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { SessionScope } from './session-scope';

/** A file of a queued message, kept whole (IndexedDB stores Blobs), with its attachment id once uploaded. */
export interface QueuedFile {
  localId: string;
  file: File;
  attachmentId?: string;
}

/** A message of mine written while it could not go out: what sending it again needs. */
export interface QueuedMessage {
  /** The message's key in its thread (sender and clientMessageId). */
  key: string;
  clientMessageId: string;
  senderId: string;
  recipientId: string;
  content: string;
  appointmentId?: string;
  /** An internal note for the garage's members. */
  note?: boolean;
  /** Its photos and PDFs: uploaded when it goes out, then sent with it. */
  files?: QueuedFile[];
  createdAt: string;
  /** Sending order: messages go out oldest first. */
  order: number;
}

const DATABASE = 'promoto';
const STORE = 'outbox';

function completion<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * My messages on their way, with their files, kept in this browser's IndexedDB until the server
 * stores them, so that what was written offline survives a reload and goes out when the
 * connection returns.
 * Without IndexedDB (a browser that refuses it) the queue lives in memory only; cleared on logout
 * like the drafts.
 */
@Injectable()
export class Outbox {
  private readonly indexedDB = inject(DOCUMENT).defaultView?.indexedDB ?? null;
  private readonly scope = inject(SessionScope);
  private database: Promise<IDBDatabase | null> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => void this.database?.then((database) => database?.close()));
  }

  /** My queued messages, oldest first. */
  async list(): Promise<QueuedMessage[]> {
    const store = await this.store('readonly');
    if (!store) return [];
    const all = (await completion(store.getAll())) as QueuedMessage[];
    return all.filter((message) => message.senderId === this.scope.userId()).sort((a, b) => a.order - b.order);
  }

  async put(message: QueuedMessage): Promise<void> {
    const store = await this.store('readwrite');
    if (store) await completion(store.put(message));
  }

  /** One of a queued message's files is stored on the server: a reload will not upload it again. */
  async markUploaded(key: string, localId: string, attachmentId: string): Promise<void> {
    const store = await this.store('readwrite');
    if (!store) return;
    // Read and write in the read's callback, while its transaction is still active.
    const reading = store.get(key);
    await new Promise<void>((resolve, reject) => {
      reading.onerror = () => reject(reading.error);
      reading.onsuccess = () => {
        const queued = reading.result as QueuedMessage | undefined;
        if (!queued?.files) return resolve();
        const files = queued.files.map((file) => (file.localId === localId ? { ...file, attachmentId } : file));
        const writing = store.put({ ...queued, files });
        writing.onerror = () => reject(writing.error);
        writing.onsuccess = () => resolve();
      };
    });
  }

  async remove(key: string): Promise<void> {
    const store = await this.store('readwrite');
    if (store) await completion(store.delete(key));
  }

  /** Logout: nothing I wrote stays behind on a shared computer. */
  async clearAll(): Promise<void> {
    const store = await this.store('readwrite');
    if (!store) return;
    // One transaction, begun before the session's end closes the database (it waits for it).
    const cursor = store.openCursor();
    await new Promise<void>((resolve, reject) => {
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const current = cursor.result;
        if (!current) return resolve();
        if ((current.value as QueuedMessage).senderId === this.scope.userId()) current.delete();
        current.continue();
      };
    });
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore | null> {
    const database = await this.open();
    return database ? database.transaction(STORE, mode).objectStore(STORE) : null;
  }

  private open(): Promise<IDBDatabase | null> {
    this.database ??= new Promise((resolve) => {
      if (!this.indexedDB) return resolve(null);
      const opening = this.indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'key' });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => resolve(null);
      opening.onblocked = () => resolve(null);
    });
    return this.database;
  }
}
