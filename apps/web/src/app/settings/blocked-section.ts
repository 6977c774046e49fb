import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { BlockView } from '@promoto/shared-dto';
import { BlocksStore } from '../chat/blocks.store';
import { formatDateTime } from '../core/format';
import { fr } from '../i18n/fr';

/** « Comptes bloqués »: the parties my side blocked, each with « Débloquer ». */
@Component({
  selector: 'app-blocked-section',
  templateUrl: './blocked-section.html',
  styles: `
    .blocked-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .blocked-list li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0;
      border-top: 1px solid var(--border, #d0d7de);
      overflow-wrap: anywhere;
    }
    .blocked-list p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BlockedSection {
  protected readonly store = inject(BlocksStore);
  protected readonly fr = fr;
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  constructor() {
    this.store.ensureLoaded();
  }

  protected nameOf(block: BlockView): string {
    return block.party.garageName ?? block.party.name;
  }

  protected when(block: BlockView): string {
    const date = formatDateTime(block.blockedAt);
    return block.blockedByName
      ? fr.settings.blocked.blockedBy(block.blockedByName, date)
      : fr.settings.blocked.blockedOn(date);
  }

  protected async unblock(block: BlockView): Promise<void> {
    this.busy.set(block.party.id);
    this.error.set(null);
    this.done.set(null);
    const failure = await this.store.unblock(block.party.id);
    this.busy.set(null);
    if (failure) this.error.set(failure);
    else this.done.set(fr.settings.blocked.unblocked(this.nameOf(block)));
  }
}
