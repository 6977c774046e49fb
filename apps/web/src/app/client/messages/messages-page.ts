import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MessagingLayout } from '../../chat/messaging-layout/messaging-layout';
import { setUpMessagingPage } from '../../chat/messaging-page';
import { fr } from '../../i18n/fr';

/** The client's messages page: conversations with garagistes, and the open thread. */
@Component({
  selector: 'app-messages-page',
  imports: [MessagingLayout],
  template: `<app-messaging-layout
    [heading]="fr.chat.clientPageTitle"
    [link]="link"
    [peerId]="user()"
    [appointmentId]="appointment()"
    [appointments]="peerAppointments()"
  />`,
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
