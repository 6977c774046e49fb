import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AppointmentView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { ChatList } from '../chat-list/chat-list';
import { ChatWindow } from '../chat-window/chat-window';

/** The layout of MessagesPage and GarageMessagesPage: the conversation list beside the open thread. */
@Component({
  selector: 'app-messaging-layout',
  imports: [ChatList, ChatWindow],
  templateUrl: './messaging-layout.html',
  styleUrl: './messaging-layout.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessagingLayout {
  protected readonly fr = fr;

  readonly heading = input.required<string>();
  /** The page's own route: list entries link to it with `?user=`. */
  readonly link = input.required<string>();
  readonly peerId = input<string>();
  readonly appointmentId = input<string>();
  /** My bookings with the open thread's person, for the thread's markers. */
  readonly appointments = input<AppointmentView[]>([]);
}
