import { linkedSignal, signal, type Signal, type WritableSignal } from '@angular/core';
import { LIMITS } from '@promoto/shared-dto';
import { fr } from '../i18n/fr';
import { formatSize, refusalOf } from './attachment-files';

/** A file chosen for the next message, before it is sent. */
export interface StagedFile {
  id: number;
  file: File;
  /** An object URL of an image, for its preview; revoked when it leaves the stage. */
  previewUrl: string | null;
  sizeLabel: string;
}

/**
 * The files chosen for the composer's next message: only the types and sizes that may be sent,
 * up to the per-message limit, with why the others were left out. Emptied when `scope` changes
 * (another thread is opened).
 */
export class StagedFiles {
  private sequence = 0;
  private readonly list: WritableSignal<StagedFile[]>;
  private readonly refusal = signal<string | null>(null);

  readonly items: Signal<StagedFile[]>;
  /** Why some of the last files chosen were left out, in French. */
  readonly error = this.refusal.asReadonly();

  constructor(scope: Signal<unknown>) {
    this.list = linkedSignal<unknown, StagedFile[]>({ source: scope, computation: () => [] });
    this.items = this.list.asReadonly();
  }

  add(files: readonly File[]): void {
    const refusals: string[] = [];
    const accepted: StagedFile[] = [];
    const room = LIMITS.attachmentsPerMessage - this.list().length;
    for (const file of files) {
      const refusal = refusalOf(file);
      if (refusal) refusals.push(refusal);
      else if (accepted.length < room) {
        accepted.push({
          id: ++this.sequence,
          file,
          previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
          sizeLabel: formatSize(file.size),
        });
      } else refusals.push(fr.chat.attachments.tooMany(LIMITS.attachmentsPerMessage));
    }
    this.list.update((items) => [...items, ...accepted]);
    this.refusal.set(refusals.length > 0 ? [...new Set(refusals)].join(' ') : null);
  }

  remove(id: number): void {
    revokePreviews(this.list().filter((item) => item.id === id));
    this.list.update((items) => items.filter((item) => item.id !== id));
  }

  /** Empties the stage for a send: the files, in the order chosen. */
  take(): File[] {
    const items = this.list();
    revokePreviews(items);
    this.list.set([]);
    this.refusal.set(null);
    return items.map(({ file }) => file);
  }
}

function revokePreviews(items: readonly StagedFile[]): void {
  for (const item of items) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
}
