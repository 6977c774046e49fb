import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { fr } from '../../i18n/fr';
import { ConversationsStore } from '../conversations.store';

/** The thread header's « Marquer comme traité » / « Remettre dans la boîte de réception » (garagistes). */
@Component({
  selector: 'app-archive-toggle',
  template: `
    <button type="button" class="button" [attr.aria-label]="label()" [disabled]="busy()" (click)="toggle()">
      <span aria-hidden="true">{{ archived() ? '↩' : '✓' }}</span>
      <span class="label">{{ label() }}</span>
    </button>
    @if (error(); as error) {
      <p class="alert" role="alert">{{ error }}</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      align-items: center;
      gap: 0.5rem;
      margin-left: auto;
    }
    .alert {
      flex-basis: 100%;
      margin: 0;
    }
    /* In a phone's « ⋯ » popup (ChatWindow): one line of the popup, its label beside the icon. */
    :host-context(.actions.menu) {
      margin-left: 0;
      justify-content: stretch;
    }
    :host-context(.actions.menu) .button {
      flex: 1;
      justify-content: flex-start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveToggle {
  private readonly store = inject(ConversationsStore);
  protected readonly fr = fr;

  /** The other person of the open thread. */
  readonly peerId = input.required<string>();
  /** Emits the conversation's new state once the server stored it: true when archived. */
  readonly changed = output<boolean>();

  protected readonly archived = computed(() => this.store.archivedWith(this.peerId()));
  protected readonly label = computed(() => (this.archived() ? fr.chat.unarchive : fr.chat.archive));
  protected readonly busy = signal(false);
  protected readonly error = linkedSignal<string, string | null>({ source: this.peerId, computation: () => null });

  protected async toggle(): Promise<void> {
    const archived = !this.archived();
    this.busy.set(true);
    this.error.set(null);
    const failure = await this.store.setArchived(this.peerId(), archived);
    this.busy.set(false);
    if (failure) this.error.set(failure);
    else this.changed.emit(archived);
  }
}
