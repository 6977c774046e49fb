import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ChatSession } from '../chat/chat-session';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';
import { forwardSessionServices } from '../session/provide-signed-in';
import { UserMenu } from './user-menu';

/**
 * The frame of the signed-in pages, created with the session's injector (see SignedInHost): the
 * role's navigation, the user's menu, the connection's banners, then the page.
 */
@Component({
  selector: 'app-signed-in-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, UserMenu],
  providers: forwardSessionServices(),
  templateUrl: './signed-in-layout.html',
  styleUrl: './app-frame.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignedInLayout {
  private readonly chat = inject(ChatSession);
  protected readonly user = inject(Session).user;
  protected readonly fr = fr;
  protected readonly reconnecting = computed(() => this.chat.connection() === 'reconnecting');
  protected readonly replaced = computed(() => this.chat.connection() === 'replaced');

  protected resume(): void {
    this.chat.resume();
  }
}
