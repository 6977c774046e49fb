import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import type { GarageMemberView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { ConversationsStore } from '../conversations.store';

/**
 * The thread header's « Assigner à… » (a garage's members): the conversation's assignee, chosen
 * among the garage's current members, or nobody. Every member's list follows it live.
 */
@Component({
  selector: 'app-assignee-picker',
  template: `
    <label class="visually-hidden" for="assignee">{{ fr.chat.assignLabel }}</label>
    <select id="assignee" [disabled]="busy()" (change)="onChange($event)">
      <option value="" [selected]="assigneeId() === ''">
        {{ assigneeId() ? fr.chat.unassign : fr.chat.assignLabel }}
      </option>
      @for (member of members(); track member.userId) {
        <option [value]="member.userId" [selected]="assigneeId() === member.userId">
          {{ member.name }}
        </option>
      }
    </select>
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
      min-width: 0;
    }
    select {
      min-height: 2.75rem;
      max-width: 11rem;
      min-width: 2.75rem;
    }
    .alert {
      flex-basis: 100%;
      margin: 0;
    }
    /* In a phone's « ⋯ » popup (ChatWindow): the popup's width. */
    :host-context(.actions.menu) {
      margin-left: 0;
      justify-content: stretch;
    }
    :host-context(.actions.menu) select {
      flex: 1;
      max-width: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssigneePicker {
  private readonly store = inject(ConversationsStore);
  protected readonly fr = fr;

  /** The client of the open thread. */
  readonly peerId = input.required<string>();

  /** The garage's current members, asked once by the messages page (nobody but « Personne » without them). */
  readonly members = input<readonly GarageMemberView[]>([]);
  protected readonly assigneeId = computed(() => this.store.assigneeOf(this.peerId()));
  protected readonly busy = signal(false);
  protected readonly error = linkedSignal<string, string | null>({ source: this.peerId, computation: () => null });

  protected async onChange(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    this.busy.set(true);
    this.error.set(null);
    const failure = await this.store.assign(this.peerId(), select.value || null);
    this.busy.set(false);
    if (failure) {
      this.error.set(failure);
      select.value = this.assigneeId();
    }
  }
}
