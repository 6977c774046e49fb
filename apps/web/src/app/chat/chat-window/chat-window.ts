import { ChangeDetectionStrategy, Component, computed, inject, input, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AppointmentView, QuickRepliesView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { AttachmentViewer } from '../attachment-viewer/attachment-viewer';
import { ChatComposer } from '../chat-composer/chat-composer';
import { ChatTimeline } from '../chat-timeline/chat-timeline';
import { ThreadStore } from '../thread.store';

/**
 * The open thread of the ThreadStore: who it is with (and whether they type), the timeline of
 * messages, the composer, and the photo viewer. Files dropped anywhere on it join the next message.
 */
@Component({
  selector: 'app-chat-window',
  imports: [RouterLink, AttachmentViewer, ChatComposer, ChatTimeline],
  templateUrl: './chat-window.html',
  styleUrl: './chat-window.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatWindow {
  protected readonly store = inject(ThreadStore);
  protected readonly fr = fr;

  /** Bookings between the two participants: offered as what a message is about, and named in markers. */
  readonly appointments = input<AppointmentView[]>([]);
  /** The booking the conversation was opened from: new messages are linked to it. */
  readonly initialAppointmentId = input<string | null>(null);
  /** Where "← Conversations" goes on a narrow screen. */
  readonly backLink = input.required<string>();
  /** A garagiste's saved replies: « ⚡ Réponses rapides », or `/` at the start of the composer. */
  readonly quickReplies = input<QuickRepliesView | null>(null);

  private readonly composer = viewChild(ChatComposer);

  protected readonly peerName = computed(() => {
    const peer = this.store.peer();
    return peer ? (peer.garageName ?? peer.name) : fr.chat.unknownUser;
  });
  protected readonly peerSubtitle = computed(() => {
    const peer = this.store.peer();
    return peer?.garageName ? peer.name : null;
  });

  protected onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }

  protected onDrop(event: DragEvent): void {
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    this.composer()?.stage(files);
  }
}
