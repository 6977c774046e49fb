import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { QuickRepliesView } from '@promoto/shared-dto';
import { catchError, of } from 'rxjs';
import { MessagingLayout } from '../../chat/messaging-layout/messaging-layout';
import { QuickRepliesApi } from '../../core/api/quick-replies-api';
import { fr } from '../../i18n/fr';

/** The garagiste's messages page: conversations with clients (inbox or « Archivées »), the open thread, and my quick replies. */
@Component({
  selector: 'app-garage-messages-page',
  imports: [MessagingLayout],
  template: `<app-messaging-layout
    [heading]="fr.chat.garagePageTitle"
    link="/garage/messages"
    peerField="clientId"
    [quickReplies]="quickReplies()"
    [archiving]="true"
    [quoting]="true"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GarageMessagesPage {
  protected readonly fr = fr;
  // Quick replies only help with writing; without them the composer works as usual.
  protected readonly quickReplies = toSignal(
    inject(QuickRepliesApi)
      .list()
      .pipe(catchError(() => of(null))),
    { initialValue: null as QuickRepliesView | null },
  );
}
