import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ChatSession } from './chat/chat-session';
import { Session } from './core/auth/session';
import { TabNotifier } from './core/notifications/tab-notifier';
import { fr } from './i18n/fr';
import { UserMenu } from './layout/user-menu';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, UserMenu],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly chat = inject(ChatSession);
  // Created with the app: it watches the tab's visibility for its whole life.
  private readonly tabNotifier = inject(TabNotifier);
  protected readonly user = inject(Session).user;
  protected readonly fr = fr;
  protected readonly reconnecting = computed(() => this.chat.connection() === 'reconnecting');
  protected readonly replaced = computed(() => this.chat.connection() === 'replaced');

  protected resume(): void {
    this.chat.resume();
  }
}
