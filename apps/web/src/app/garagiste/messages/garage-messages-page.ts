import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MessagingLayout } from '../../chat/messaging-layout/messaging-layout';
import { setUpMessagingPage } from '../../chat/messaging-page';
import { fr } from '../../i18n/fr';

/** The garagiste's messages page: conversations with clients, and the open thread. */
@Component({
  selector: 'app-garage-messages-page',
  imports: [MessagingLayout],
  template: `<app-messaging-layout
    [heading]="fr.chat.garagePageTitle"
    [link]="link"
    [peerId]="user()"
    [appointmentId]="appointment()"
    [appointments]="peerAppointments()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GarageMessagesPage {
  protected readonly fr = fr;
  protected readonly link = '/garage/messages';

  /** `?user=<id>`: the client whose thread is open. */
  readonly user = input<string>();
  /** `?appointment=<id>`: opened from a booking, so new messages are linked to it. */
  readonly appointment = input<string | undefined>();

  protected readonly peerAppointments = setUpMessagingPage(this.user, 'clientId');
}
