import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ChatSession } from '../chat/chat-session';
import { ThreadStore } from '../chat/thread.store';
import { Session } from '../core/auth/session';
import { fr } from '../i18n/fr';
import { forwardSessionServices } from '../session/provide-signed-in';
import { TabBar } from './tab-bar';
import { UserMenu } from './user-menu';
import { followVisualViewport } from './visual-viewport';

/**
 * The frame of the signed-in pages, created with the session's injector (see SignedInHost): the
 * role's navigation, the user's menu, the connection's banners, then the page. On a phone the
 * header keeps the brand and the menu on one line and the navigation is the tab bar at the bottom;
 * an open thread takes the whole screen, above the on-screen keyboard.
 */
@Component({
  selector: 'app-signed-in-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TabBar, UserMenu],
  providers: forwardSessionServices(),
  templateUrl: './signed-in-layout.html',
  styleUrls: ['./app-frame.css', './signed-in-layout.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.thread-open]': 'threadOpen()' },
})
export class SignedInLayout {
  private readonly chat = inject(ChatSession);
  private readonly thread = inject(ThreadStore);
  protected readonly user = inject(Session).user;
  protected readonly fr = fr;
  protected readonly reconnecting = computed(() => this.chat.connection() === 'reconnecting');
  protected readonly replaced = computed(() => this.chat.connection() === 'replaced');
  protected readonly threadOpen = computed(() => this.thread.openPeerId() !== null);

  constructor() {
    followVisualViewport();
  }

  protected resume(): void {
    this.chat.resume();
  }
}
