import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { fr } from '../../i18n/fr';
import { MessageEditor } from '../message-editor/message-editor';
import { QuoteCard } from '../quote-card/quote-card';
import type { MessageRow, ShownAttachment } from '../timeline-rows';

/**
 * One message of the thread: its booking marker, its text with links, its photos and documents
 * (or my files on their way), its time and tick, and, on mine, what I may still do with it.
 * Drawn as the thread list's item.
 */
@Component({
  selector: 'li[app-message-bubble]',
  imports: [MessageEditor, QuoteCard],
  templateUrl: './message-bubble.html',
  styleUrl: './message-bubble.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'message',
    '[class.own]': 'row().own',
    '[class.note]': 'row().note',
    '[class.group-start]': 'row().groupStart',
    '[class.group-end]': 'row().groupEnd',
    '[class.deleted]': 'row().deleted',
    '[attr.data-key]': 'row().key',
    '[attr.data-status]': 'row().status',
  },
})
export class MessageBubble {
  protected readonly fr = fr;

  readonly row = input.required<MessageRow>();
  /** Whether the message is being edited in place. */
  readonly editing = input(false);

  readonly editStarted = output<void>();
  readonly editSaved = output<string>();
  readonly editCancelled = output<void>();
  readonly removed = output<void>();
  readonly retried = output<void>();
  /** « Signaler ce message » (the other side's). */
  readonly reported = output<void>();
  readonly photoOpened = output<ShownAttachment>();
}
