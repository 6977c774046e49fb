import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { QuickReplyView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';

/**
 * The quick replies offered above the composer. The composer keeps the focus (a click does not
 * take it) and points at the highlighted option with aria-activedescendant; an option that gets
 * the focus anyway is picked with Enter.
 */
@Component({
  selector: 'app-quick-reply-list',
  template: `
    <ul class="list" [id]="listId()" role="listbox" [attr.aria-label]="fr.chat.quickReplies">
      @for (reply of replies(); track reply.id; let index = $index) {
        <li
          role="option"
          [id]="optionId(reply)"
          [attr.aria-selected]="index === highlighted()"
          tabindex="-1"
          (mousedown)="$event.preventDefault()"
          (click)="picked.emit(reply)"
          (keydown.enter)="picked.emit(reply)"
        >
          <strong>{{ reply.title }}</strong>
          <span class="text">{{ reply.content }}</span>
        </li>
      }
    </ul>
  `,
  styleUrl: './quick-reply-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuickReplyList {
  protected readonly fr = fr;
  readonly replies = input.required<QuickReplyView[]>();
  readonly highlighted = input.required<number>();
  readonly listId = input.required<string>();
  readonly picked = output<QuickReplyView>();

  optionId(reply: QuickReplyView): string {
    return `${this.listId()}-${reply.id}`;
  }
}
