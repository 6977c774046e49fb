import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MessagingLayout } from '../../chat/messaging-layout/messaging-layout';
import { fr } from '../../i18n/fr';

/** The garagiste's messages page: conversations with clients, and the open thread. */
@Component({
  selector: 'app-garage-messages-page',
  imports: [MessagingLayout],
  template: `<app-messaging-layout [heading]="fr.chat.garagePageTitle" link="/garage/messages" peerField="clientId" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GarageMessagesPage {
  protected readonly fr = fr;
}
