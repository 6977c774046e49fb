import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MessagingLayout } from '../../chat/messaging-layout/messaging-layout';
import { fr } from '../../i18n/fr';

/** The client's messages page: conversations with garagistes, and the open thread. */
@Component({
  selector: 'app-messages-page',
  imports: [MessagingLayout],
  template: `<app-messaging-layout [heading]="fr.chat.clientPageTitle" link="/app/messages" peerField="garageId" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessagesPage {
  protected readonly fr = fr;
}
