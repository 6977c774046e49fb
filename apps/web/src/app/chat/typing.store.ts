import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { TypingEvent } from '@promoto/shared-dto';
import { ChatSocket } from '../core/realtime/chat-socket';
import { SessionScope } from './session-scope';

/** While I type, `typing: true` is repeated this often; the other side forgets it after TYPING_SHOWN_MS. */
const TYPING_REFRESH_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 6_000;

/** "… est en train d'écrire": whether the other person types, and telling them that I do. */
@Injectable()
export class TypingStore {
  private readonly socket = inject(ChatSocket);
  private readonly scope = inject(SessionScope);

  /** Whether the other participant is typing, by conversation id. */
  private readonly typingIn = signal<Record<string, boolean>>({});
  private readonly shownTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** To whom, whether a note, and when, I last said that I type; null once I said that I stopped. */
  private sent: { to: string; note: boolean; at: number } | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.idleTimer);
      this.shownTimers.forEach((timer) => clearTimeout(timer));
    });
  }

  isTyping(conversationId: string | null): boolean {
    return conversationId !== null && this.typingIn()[conversationId] === true;
  }

  /**
   * Called while I type to that person; tells them, at most every few seconds. `note`: I type an
   * internal note, which only my garage's members are told of.
   */
  notify(peerId: string, note = false): void {
    if (!this.socket.isConnected) return;
    const now = Date.now();
    if (!this.sent || this.sent.to !== peerId || this.sent.note !== note || now - this.sent.at >= TYPING_REFRESH_MS) {
      // Switching to a note: the client stops seeing me type before my colleagues see the note typed.
      if (note && this.sent && !this.sent.note) this.emit(this.sent.to, false, false);
      this.sent = { to: peerId, note, at: now };
      this.emit(peerId, true, note);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** I sent, left the thread or paused: the other side stops showing me typing. */
  stop(): void {
    clearTimeout(this.idleTimer);
    const sent = this.sent;
    this.sent = null;
    if (sent && this.socket.isConnected) this.emit(sent.to, false, sent.note);
  }

  onTyping(event: TypingEvent): void {
    if (event.userId === this.scope.userId()) return;
    this.show(event.conversationId, event.isTyping);
  }

  /** Their message arrived: they are no longer typing it. */
  onMessageFrom(conversationId: string): void {
    this.show(conversationId, false);
  }

  private show(conversationId: string, isTyping: boolean): void {
    clearTimeout(this.shownTimers.get(conversationId));
    this.shownTimers.delete(conversationId);
    this.typingIn.update((typing) => ({ ...typing, [conversationId]: isTyping }));
    if (isTyping) {
      this.shownTimers.set(
        conversationId,
        setTimeout(() => this.show(conversationId, false), TYPING_SHOWN_MS),
      );
    }
  }

  private emit(recipientId: string, isTyping: boolean, note: boolean): void {
    // The indicator is best effort: a lost typing event needs no retry.
    this.socket.typing({ recipientId, isTyping, ...(note ? { note } : {}) }).catch(() => undefined);
  }
}
