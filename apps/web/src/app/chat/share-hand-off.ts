import { Injectable } from '@angular/core';
import type { Shared } from '../share/shared-inbox';

/**
 * A share on its way from « Envoyer à… » to the thread chosen for it: held for that person until
 * their thread's composer takes it, stages its files and starts its draft with its text. It then
 * leaves with the next send, through the same pipeline as any message.
 */
@Injectable()
export class ShareHandOff {
  private held: { peerId: string; shared: Shared } | null = null;

  hold(peerId: string, shared: Shared): void {
    this.held = { peerId, shared };
  }

  /** The share held for that person, once. */
  take(peerId: string): Shared | null {
    if (this.held?.peerId !== peerId) return null;
    const { shared } = this.held;
    this.held = null;
    return shared;
  }
}
