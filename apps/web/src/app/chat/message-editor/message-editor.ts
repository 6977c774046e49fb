import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { LIMITS } from '@promoto/shared-dto';
import { TouchScreen } from '../../core/touch-screen';
import { fr } from '../../i18n/fr';

/**
 * A message of mine edited in place, its field focused: « Enregistrer » (or Enter, with a keyboard)
 * saves, « Annuler » (or Escape) gives up. On a touch screen Enter adds a line, as in the composer.
 */
@Component({
  selector: 'app-message-editor',
  template: `
    <form class="edit" (submit)="$event.preventDefault(); save()">
      <label class="visually-hidden" [for]="fieldId()">{{ fr.chat.editLabel }}</label>
      <textarea
        #field
        [id]="fieldId()"
        rows="2"
        [attr.maxlength]="maxLength"
        [value]="text()"
        (input)="onInput($event)"
        (keydown)="onKeydown($event)"
      ></textarea>
      <span class="edit-actions">
        <button type="button" class="link-button" (click)="cancelled.emit()">{{ fr.chat.cancelEdit }}</button>
        <button type="submit" class="link-button">{{ fr.chat.saveEdit }}</button>
      </span>
    </form>
  `,
  styles: `
    textarea {
      width: 100%;
      min-width: 14rem;
      resize: vertical;
    }
    .edit-actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.75rem;
      font-size: 0.8rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageEditor {
  protected readonly fr = fr;
  protected readonly maxLength = LIMITS.messageContentMaxLength;
  private readonly touch = inject(TouchScreen).primary;
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  /** The message's key, which names the field. */
  readonly messageKey = input.required<string>();
  /** The text before the edit. */
  readonly content = input.required<string>();
  /** The new text, not blank. */
  readonly saved = output<string>();
  readonly cancelled = output<void>();

  protected readonly text = linkedSignal(() => this.content());
  protected readonly fieldId = computed(() => `edit-${this.messageKey()}`);

  constructor() {
    afterNextRender(() => this.field().nativeElement.focus());
  }

  protected onInput(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
  }

  /** Enter saves, Escape gives up; Shift+Enter adds a line. */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancelled.emit();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !this.touch()) {
      event.preventDefault();
      this.save();
    }
  }

  protected save(): void {
    if (this.text().trim()) this.saved.emit(this.text());
  }
}
