import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ChatList } from '../../chat/chat-list/chat-list';
import { ChatWindow } from '../../chat/chat-window/chat-window';
import { setUpMessagingPage } from '../../chat/messaging-page';
import { fr } from '../../i18n/fr';

/** The client's messages page: conversations with garagistes, and the open thread. */
@Component({
  selector: 'app-messages-page',
  imports: [ChatList, ChatWindow],
  templateUrl: './messages-page.html',
  styleUrl: '../../chat/messaging-layout.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessagesPage {
  protected readonly fr = fr;
  protected readonly link = '/app/messages';

  /** `?user=<id>`: the garagiste whose thread is open. */
  readonly user = input<string>();
  /** `?appointment=<id>`: opened from a booking, so new messages are linked to it. */
  readonly appointment = input<string | undefined>();

  protected readonly peerAppointments = setUpMessagingPage(this.user, 'garagisteId');
}
