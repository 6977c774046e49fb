import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { SessionScope } from './session-scope';

const PREFIX = 'promoto.draft.';

/**
 * What I was writing to each person, kept in this browser's localStorage across navigation and
 * reloads; cleared when sent and, for every conversation, on logout.
 */
@Injectable()
export class Drafts {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;
  private readonly scope = inject(SessionScope);

  get(peerId: string): string {
    return this.storage?.getItem(this.key(peerId)) ?? '';
  }

  /** Keeps the draft, or forgets it when empty. */
  set(peerId: string, text: string): void {
    const key = this.key(peerId);
    if (!this.storage) return;
    try {
      if (text.trim()) this.storage.setItem(key, text);
      else this.storage.removeItem(key);
    } catch {
      // A full or refused storage loses the draft on reload only; typing goes on.
    }
  }

  /** Logout: no draft stays behind on a shared computer. */
  clearAll(): void {
    if (!this.storage) return;
    const keys = Array.from({ length: this.storage.length }, (_, index) => this.storage?.key(index) ?? '');
    for (const key of keys.filter((name) => name.startsWith(PREFIX))) this.storage.removeItem(key);
  }

  private key(peerId: string): string {
    return `${PREFIX}${this.scope.userId()}.${peerId}`;
  }
}
