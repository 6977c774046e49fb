import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { fr } from '../../i18n/fr';

/** The red count of unread messages: the number for the eye, a sentence for screen readers; nothing at 0. */
@Component({
  selector: 'app-unread-badge',
  template: `
    @if (count() > 0) {
      <span class="badge">
        <span aria-hidden="true">{{ count() }}</span>
        <span class="visually-hidden">{{ fr.common.unreadBadge(count()) }}</span>
      </span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnreadBadge {
  protected readonly fr = fr;
  readonly count = input.required<number>();
}
