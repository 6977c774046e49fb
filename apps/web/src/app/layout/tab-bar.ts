import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { ConversationsStore } from '../chat/conversations.store';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';
import { UnreadBadge } from '../shared/unread-badge/unread-badge';

interface Tab {
  link: string;
  icon: string;
  label: string;
  /** Active on this address only, not on the ones below it. */
  exact: boolean;
  /** The Messages tab carries the unread total. */
  unread: boolean;
}

type TabName = keyof typeof fr.menu.tabs;

function tab(name: TabName, link: string, exact = false): Tab {
  return { link, ...fr.menu.tabs[name], exact, unread: name === 'messages' };
}

/** The phone's navigation, at the bottom of the screen: the role's places and Messages with its badge. */
@Component({
  selector: 'app-tab-bar',
  imports: [RouterLink, RouterLinkActive, UnreadBadge],
  template: `
    <nav class="tabs" [attr.aria-label]="fr.menu.mainNavigation">
      @for (tab of tabs(); track tab.link) {
        <a
          class="tab"
          [routerLink]="tab.link"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          [routerLinkActiveOptions]="{ exact: tab.exact }"
        >
          <span class="icon">{{ tab.icon }}</span>
          <span class="label">{{ tab.label }}</span>
          @if (tab.unread) {
            <app-unread-badge class="tab-badge" [count]="conversations.unreadTotal()" />
          }
        </a>
      }
    </nav>
  `,
  styleUrl: './tab-bar.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TabBar {
  protected readonly conversations = inject(ConversationsStore);
  protected readonly fr = fr;
  private readonly user = inject(Session).user;

  protected readonly tabs = computed(() =>
    this.user()?.role === 'garagiste'
      ? [tab('dashboard', '/garage', true), tab('messages', '/garage/messages'), tab('settings', '/garage/settings')]
      : [
          tab('appointments', '/app/appointments'),
          tab('garages', '/app/garages'),
          tab('messages', '/app/messages'),
          tab('settings', '/app/settings'),
        ],
  );
}
