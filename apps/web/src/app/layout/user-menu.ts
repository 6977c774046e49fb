import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { filter } from 'rxjs';
import { ConversationsStore } from '../chat/conversations.store';
import { AuthApi } from '../core/api/auth-api';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';
import { UnreadBadge } from '../shared/unread-badge/unread-badge';

/** The user's menu (a disclosure): "💬 Messages" with the live unread total, settings, and logout. */
@Component({
  selector: 'app-user-menu',
  imports: [RouterLink, UnreadBadge],
  templateUrl: './user-menu.html',
  styleUrl: './user-menu.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:click)': 'onDocumentClick($event)',
    '(keydown.escape)': 'close(true)',
  },
})
export class UserMenu {
  private readonly session = inject(Session);
  private readonly authApi = inject(AuthApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  protected readonly conversations = inject(ConversationsStore);
  protected readonly fr = fr;
  protected readonly open = signal(false);
  protected readonly user = this.session.user;
  protected readonly messagesLink = computed(() =>
    this.user()?.role === 'garagiste' ? '/garage/messages' : '/app/messages',
  );
  protected readonly settingsLink = computed(() =>
    this.user()?.role === 'garagiste' ? '/garage/settings' : '/app/settings',
  );

  constructor() {
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.open.set(false));
  }

  protected toggle(): void {
    this.open.update((open) => !open);
  }

  protected close(returnFocus = false): void {
    if (!this.open()) return;
    this.open.set(false);
    if (returnFocus) this.host.nativeElement.querySelector<HTMLButtonElement>('.toggle')?.focus();
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (event.target instanceof Node && !this.host.nativeElement.contains(event.target)) this.close();
  }

  /** Ends the session on the server (its tokens stop working), and here whether that answered or not. */
  protected logout(): void {
    this.open.set(false);
    const leave = () => {
      this.session.logout();
      this.document.defaultView?.scrollTo(0, 0);
    };
    this.authApi.logout().subscribe({ complete: leave, error: leave });
  }
}
