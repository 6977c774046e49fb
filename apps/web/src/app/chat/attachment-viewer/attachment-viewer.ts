import { ChangeDetectionStrategy, Component, ElementRef, signal, viewChild } from '@angular/core';
import type { AttachmentView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';

/** A photo of the thread full screen, in a modal dialog: Escape or « Fermer » close it. */
@Component({
  selector: 'app-attachment-viewer',
  template: `
    <dialog #dialog class="viewer" [attr.aria-label]="fr.chat.attachments.viewerLabel" (close)="photo.set(null)">
      @if (photo(); as photo) {
        <button type="button" class="button viewer-close" (click)="close()">
          {{ fr.chat.attachments.closeViewer }}
        </button>
        <img [src]="photo.url" [alt]="photo.name" />
      }
    </dialog>
  `,
  styles: `
    .viewer {
      width: 100vw;
      height: 100vh;
      max-width: none;
      max-height: none;
      padding: 0;
      border: 0;
      background: #000e;
    }
    .viewer[open] {
      display: grid;
      place-items: center;
    }
    img {
      max-width: 100%;
      max-height: 100vh;
    }
    .viewer-close {
      position: absolute;
      top: 1rem;
      right: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttachmentViewer {
  protected readonly fr = fr;
  /** The photo shown, while the dialog is open. */
  protected readonly photo = signal<AttachmentView | null>(null);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  open(attachment: AttachmentView): void {
    this.photo.set(attachment);
    this.dialog().nativeElement.showModal();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }
}
