import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import type { MessageView } from '@promoto/shared-dto';
import { ConversationsStore } from '../../chat/conversations.store';
import { fromPeer, peerOf } from '../../chat/chat-state';
import { fr } from '../../i18n/fr';
import { Session } from '../auth/session';
import { ChatSocket } from '../realtime/chat-socket';

/**
 * What the open tab does for someone looking elsewhere: while it is hidden, its title shows the
 * unread total (`(3) Messages — Promoto`), the installed app's icon shows it too where the browser
 * has the Badging API, and each new message shows a browser notification when the person granted
 * the permission (never asked here: see the settings page). One per signed-in session: it lives in
 * the session's injector with the conversations it counts, and clears the icon's count at logout.
 */
@Injectable()
export class TabNotifier {
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly conversations = inject(ConversationsStore);
  private readonly hidden = signal(this.document.visibilityState === 'hidden');
  private readonly navigator = this.document.defaultView?.navigator;
  /** The page's own title while ours replaces it. */
  private pageTitle: string | null = null;

  constructor() {
    const onVisibility = () => this.hidden.set(this.document.visibilityState === 'hidden');
    this.document.addEventListener('visibilitychange', onVisibility);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisibility);
      if (this.pageTitle !== null) this.title.setTitle(this.pageTitle);
      this.setAppBadge(0);
    });

    effect(() => this.setAppBadge(this.conversations.unreadTotal()));

    effect(() => {
      const unread = this.conversations.unreadTotal();
      if (this.hidden() && unread > 0) {
        this.pageTitle ??= this.title.getTitle();
        this.title.setTitle(fr.tab.unreadTitle(unread));
      } else if (this.pageTitle !== null) {
        this.title.setTitle(this.pageTitle);
        this.pageTitle = null;
      }
    });

    inject(ChatSocket)
      .newMessage$.pipe(takeUntilDestroyed())
      .subscribe((message) => this.notify(message));
  }

  /** The count on the app's icon, where the browser can (the badge is a hint: a refusal changes nothing). */
  private setAppBadge(count: number): void {
    if (!this.navigator?.setAppBadge) return;
    (count > 0 ? this.navigator.setAppBadge(count) : this.navigator.clearAppBadge()).catch(() => undefined);
  }

  private notify(message: MessageView): void {
    const me = this.session.user();
    const notifications = this.document.defaultView?.Notification;
    if (!me || !this.hidden() || notifications?.permission !== 'granted') return;
    // Only the other side's messages: not mine, nor a colleague's in a garage.
    const peerId = peerOf(message, [me.id, ...(me.garageId ? [me.garageId] : [])]);
    if (!fromPeer(message, peerId)) return;
    const sender = this.conversations.conversations().find((item) => item.otherUser.id === peerId)?.otherUser;
    const notification = new notifications(sender?.garageName ?? sender?.name ?? fr.tab.newMessage, {
      body: message.content,
      tag: message.conversationId,
    });
    const thread = `${me.role === 'garagiste' ? '/garage' : '/app'}/messages`;
    notification.onclick = () => {
      this.document.defaultView?.focus();
      void this.router.navigate([thread], { queryParams: { user: peerId } });
      notification.close();
    };
  }
}
