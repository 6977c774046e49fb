import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  input,
  output,
  viewChild,
} from '@angular/core';
import { fr } from '../../i18n/fr';
import type { MessageRow } from '../timeline-rows';

/**
 * A message's actions on a touch screen, opened by a long press: for mine « Modifier » (while it
 * may still be edited) and « Supprimer », for the other side's « Signaler ce message », and
 * « Annuler », as a sheet at the bottom of the screen with
 * targets a finger can hit, opened as it is created. Tapping outside the sheet closes it, and
 * `closed` tells the timeline, which removes it.
 */
@Component({
  selector: 'app-message-actions',
  template: `
    <dialog
      #dialog
      class="sheet"
      aria-labelledby="message-actions-title"
      (close)="closed.emit()"
      tabindex="-1"
      (pointerdown)="pressedOn = $event.target"
      (click)="onClick($event)"
      (keydown.escape)="dialog.close()"
    >
      @let row = this.row();
      <div class="panel">
        <p id="message-actions-title" class="title">{{ fr.chat.messageActions }}</p>
        @if (row.message.content) {
          <p class="excerpt">{{ row.message.content }}</p>
        }
        @if (row.canEdit) {
          <button type="button" class="button" data-action="edit">{{ fr.chat.edit }}</button>
        }
        @if (row.canDelete) {
          <button type="button" class="button danger" data-action="remove">{{ fr.chat.delete }}</button>
        }
        @if (row.canReport) {
          <button type="button" class="button" data-action="report">{{ fr.chat.report.openMessage }}</button>
        }
        <button type="button" class="button" data-action="cancel">{{ fr.chat.cancelEdit }}</button>
      </div>
    </dialog>
  `,
  styles: `
    .sheet {
      width: 100%;
      max-width: 32rem;
      margin: auto auto 0;
      padding: 0;
      border: 0;
      border-radius: 1rem 1rem 0 0;
      background: transparent;
    }
    .sheet::backdrop {
      background: rgb(0 0 0 / 40%);
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 1rem;
      padding-bottom: max(1rem, env(safe-area-inset-bottom));
      background: var(--surface);
    }
    .title {
      margin: 0;
      font-weight: 700;
    }
    .excerpt {
      margin: 0 0 0.25rem;
      color: var(--muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageActions {
  protected readonly fr = fr;
  readonly row = input.required<MessageRow>();
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  /** Where the press that ends in the next click began: null when it began before the sheet opened. */
  protected pressedOn: EventTarget | null = null;

  /** The key of the message to edit in place. */
  readonly editChosen = output<string>();
  /** The key of the message to delete. */
  readonly removeChosen = output<string>();
  /** The row of the message to report. */
  readonly reportChosen = output<MessageRow>();
  readonly closed = output<void>();

  constructor() {
    afterNextRender(() => this.dialog().nativeElement.showModal());
  }

  /**
   * A choice, or a tap on the backdrop (the dialog itself, outside its panel) that closes the
   * sheet. The finger of the long press that opened it is lifted over the sheet: that release is
   * no choice (a click from the keyboard, `detail` 0, always is).
   */
  protected onClick(event: MouseEvent): void {
    const pressedOn = this.pressedOn;
    this.pressedOn = null;
    if (event.detail !== 0 && pressedOn === null) return;
    const dialog = this.dialog().nativeElement;
    const row = this.row();
    const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset['action'];
    if (action === 'edit') this.choose(() => this.editChosen.emit(row.key));
    else if (action === 'remove') this.choose(() => this.removeChosen.emit(row.key));
    else if (action === 'report') this.choose(() => this.reportChosen.emit(row));
    else if (action === 'cancel' || (event.target === dialog && pressedOn === dialog)) dialog.close();
  }

  private choose(chosen: () => void): void {
    this.dialog().nativeElement.close();
    chosen();
  }
}
