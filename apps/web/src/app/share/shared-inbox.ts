import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/** Where service-worker.js keeps what the phone shared to the app (see its comment). */
const SHARE_CACHE = 'promoto-share';
const SHARE_PATH = '/share-target';

/** Photos or PDFs shared to Promoto from another app, with the text that came along. */
export interface Shared {
  files: File[];
  text: string;
}

/**
 * What the phone shared to the installed app: the service worker keeps each share in the Cache
 * Storage under an id and opens « Envoyer à… » with it; this reads it there, and forgets it once
 * it is handed to a thread or given up.
 */
@Injectable({ providedIn: 'root' })
export class SharedInbox {
  private readonly caches = inject(DOCUMENT).defaultView?.caches ?? null;

  /** The share kept under that id; null when there is none (already sent, or another browser's). */
  async read(id: string): Promise<Shared | null> {
    const cache = await this.caches?.open(SHARE_CACHE);
    const index = await cache?.match(`${SHARE_PATH}/${encodeURIComponent(id)}`);
    if (!cache || !index) return null;
    const { count, text } = (await index.json()) as { count: number; text: string };
    const files: File[] = [];
    for (let n = 0; n < count; n++) {
      const stored = await cache.match(`${SHARE_PATH}/${encodeURIComponent(id)}/${n}`);
      if (!stored) continue;
      const name = decodeURIComponent(stored.headers.get('x-file-name') ?? `fichier-${n + 1}`);
      files.push(new File([await stored.blob()], name, { type: stored.headers.get('content-type') ?? '' }));
    }
    return { files, text };
  }

  async discard(id: string): Promise<void> {
    const cache = await this.caches?.open(SHARE_CACHE);
    if (!cache) return;
    const keys = await cache.keys();
    const prefix = `${SHARE_PATH}/${encodeURIComponent(id)}`;
    await Promise.all(
      keys
        .filter((request) => {
          const path = new URL(request.url).pathname;
          return path === prefix || path.startsWith(`${prefix}/`);
        })
        .map((request) => cache.delete(request)),
    );
  }
}
