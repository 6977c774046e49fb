import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  LIMITS,
  fillQuickReply,
  type AppointmentView,
  type AttachmentView,
  type QuickRepliesView,
  type QuickReplyPlaceholder,
  type QuickReplyView,
} from '@promoto/shared-dto';
import { Clock } from '../../core/clock';
import { formatBookingTime, formatShortDateTime, formatTime } from '../../core/format';
import { compareIds } from '../../core/ids';
import { fr } from '../../i18n/fr';
import { ACCEPTED_FILES, formatSize, refusalOf, thumbnailBox } from '../attachment-files';
import type { ChatMessage } from '../chat-state';
import { Drafts } from '../drafts';
import { linkify } from '../linkify';
import { QuickReplyList } from '../quick-reply-list/quick-reply-list';
import { matchQuickReplies } from '../quick-reply-match';
import { SessionScope } from '../session-scope';
import { ThreadStore } from '../thread.store';
import { buildTimeline } from '../timeline';
import { TypingStore } from '../typing.store';

/** How close to an edge (in pixels) counts as "at the bottom" or "at the top". */
const EDGE_PX = 80;

/** The remaining-characters counter shows once a message gets this close to the limit. */
const COUNTER_FROM = 200;

type ShownStatus = 'pending' | 'sent' | 'read' | 'failed';

/** A file chosen for the next message, before it is sent. */
interface StagedFile {
  id: number;
  file: File;
  previewUrl: string | null;
  sizeLabel: string;
}

/** What a message's marker says of its booking. */
type BookingCard = Pick<AppointmentView, 'service' | 'scheduledAt' | 'status'>;

function appointmentSummary(appointment: BookingCard): string {
  return fr.appointments.summary(appointment.service, formatShortDateTime(appointment.scheduledAt));
}

/**
 * The open thread of the ThreadStore: history by day and by person, live messages, edits and
 * deletions of mine, and the composer with its per-conversation draft.
 */
@Component({
  selector: 'app-chat-window',
  imports: [RouterLink, QuickReplyList],
  templateUrl: './chat-window.html',
  styleUrl: './chat-window.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatWindow {
  protected readonly store = inject(ThreadStore);
  private readonly typing = inject(TypingStore);
  private readonly scope = inject(SessionScope);
  private readonly drafts = inject(Drafts);
  private readonly clock = inject(Clock);
  protected readonly fr = fr;
  protected readonly maxLength = LIMITS.messageContentMaxLength;
  protected readonly counterFrom = COUNTER_FROM;
  protected readonly acceptedFiles = ACCEPTED_FILES;

  /** Bookings between the two participants: offered as what a message is about, and named in markers. */
  readonly appointments = input<AppointmentView[]>([]);
  /** The booking the conversation was opened from: new messages are linked to it. */
  readonly initialAppointmentId = input<string | null>(null);
  /** Where "← Conversations" goes on a narrow screen. */
  readonly backLink = input.required<string>();
  /** A garagiste's saved replies: « ⚡ Réponses rapides », or `/` at the start of the composer. */
  readonly quickReplies = input<QuickRepliesView | null>(null);

  protected readonly draft = linkedSignal({
    source: this.store.openPeerId,
    computation: (peerId) => (peerId ? this.drafts.get(peerId) : ''),
  });
  protected readonly about = linkedSignal(() => this.initialAppointmentId() ?? '');
  /** Files chosen for the next message; a thread of its own each. */
  protected readonly staged = linkedSignal<string | null, StagedFile[]>({
    source: this.store.openPeerId,
    computation: () => [],
  });
  protected readonly attachError = signal<string | null>(null);
  /** The photo open in the full-screen viewer. */
  protected readonly viewing = signal<AttachmentView | null>(null);
  private readonly viewer = viewChild<ElementRef<HTMLDialogElement>>('viewer');
  private stagedSequence = 0;
  /** The message of mine being edited, and its text so far. */
  protected readonly editing = signal<{ key: string; text: string } | null>(null);
  /** The last message the reader has seen at the bottom; the ones after it are counted as new. */
  private readonly seenKey = linkedSignal<string | null, string | null>({
    source: this.store.openPeerId,
    computation: () => null,
  });

  /** The replies list opened by its button (a `/` at the start of the draft opens it too). */
  protected readonly quickRepliesOpen = signal(false);
  /** A `/…` draft whose list was closed with Escape: it stays closed until the draft changes. */
  private readonly dismissedDraft = signal<string | null>(null);

  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private readonly composer = viewChild<ElementRef<HTMLTextAreaElement>>('composer');
  private atBottom = true;
  /** The thread whose reader was placed at its first unread message (or bottom) on opening. */
  private placedFor: string | null = null;
  private shownFirstKey: string | null = null;
  private shownLastKey: string | null = null;
  /** Scroll height and position before older messages were asked for, to keep the reader's place. */
  private anchor: { height: number; top: number } | null = null;

  protected readonly peerName = computed(() => {
    const peer = this.store.peer();
    return peer ? (peer.garageName ?? peer.name) : fr.chat.unknownUser;
  });
  protected readonly peerSubtitle = computed(() => {
    const peer = this.store.peer();
    return peer?.garageName ? peer.name : null;
  });

  /**
   * Each booking as it stands now: as loaded with the page, then as the thread's notices since
   * have left it (they arrive live), so that a marker shows the current status and time.
   */
  private readonly appointmentsById = computed(() => {
    const cards = new Map<string, BookingCard>(this.appointments().map((appointment) => [appointment.id, appointment]));
    for (const { bookingEvent } of this.store.thread()?.messages ?? []) {
      if (!bookingEvent) continue;
      const { appointmentId, service, scheduledAt, status } = bookingEvent;
      cards.set(appointmentId, { service, scheduledAt, status });
    }
    return cards;
  });

  protected readonly rows = computed(() => {
    const thread = this.store.thread();
    const me = this.scope.userId();
    const readUpTo = this.store.peerReadUpTo();
    const appointments = this.appointmentsById();
    const now = this.clock.now();
    return buildTimeline(thread?.messages ?? [], now, thread?.firstUnreadKey ?? null).map((row) => {
      if (row.kind === 'notice') {
        const event = row.message.bookingEvent;
        return {
          ...row,
          text: event
            ? fr.chat.bookingNotice(event.action, formatBookingTime(event.scheduledAt), event.service)
            : row.message.content,
          createdAt: row.message.createdAt,
          time: formatTime(row.message.createdAt),
        };
      }
      if (row.kind !== 'message') return row;
      const { message } = row;
      const own = message.senderId === me;
      const appointment = message.appointmentId ? appointments.get(message.appointmentId) : undefined;
      const deleted = message.deletedAt !== undefined;
      const status = own ? shownStatus(message, readUpTo) : null;
      const stored = own && message.id !== null && !deleted;
      return {
        ...row,
        own,
        deleted,
        edited: !deleted && message.editedAt !== undefined,
        segments: deleted ? [] : linkify(message.content),
        attachments: deleted
          ? []
          : (message.attachments ?? []).map((attachment) => ({
              ...attachment,
              box: thumbnailBox(attachment.width, attachment.height),
              sizeLabel: formatSize(attachment.size),
            })),
        uploads: message.id === null ? (message.uploads ?? []) : [],
        createdAt: message.createdAt,
        time: formatTime(message.createdAt),
        showMeta: row.groupEnd || status === 'pending' || status === 'failed',
        status,
        error: message.error ?? null,
        canEdit: stored && now - Date.parse(message.createdAt) < LIMITS.editWindowMs,
        canDelete: stored,
        about: message.appointmentId
          ? appointment
            ? fr.chat.aboutAppointment(appointmentSummary(appointment), fr.appointments.statusLabel[appointment.status])
            : fr.chat.aboutUnknownAppointment
          : null,
      };
    });
  });

  /** The other person's messages that arrived below while the reader was scrolled up. */
  protected readonly unseenCount = computed(() => {
    const seen = this.seenKey();
    const messages = this.store.thread()?.messages ?? [];
    const index = seen === null ? -1 : messages.findIndex((message) => message.key === seen);
    if (seen === null || index === -1) return 0;
    const me = this.scope.userId();
    return messages.slice(index + 1).filter((message) => message.senderId !== me).length;
  });

  /** The replies offered above the composer: those the `/query` names, or all from the button. */
  protected readonly suggestions = computed(() => {
    const replies = this.quickReplies()?.items ?? [];
    const draft = this.draft();
    const slash = /^\/[^\n]*$/.test(draft) && this.dismissedDraft() !== draft;
    if (slash) return matchQuickReplies(replies, draft.slice(1));
    return this.quickRepliesOpen() ? replies : [];
  });
  /** The suggestion Enter inserts: the first, until the arrows move it. */
  protected readonly highlighted = linkedSignal({ source: this.suggestions, computation: () => 0 });

  /** The thread's values for the placeholders: the client, my garage, and the booking in question. */
  private readonly placeholderValues = computed(() => {
    const values: Partial<Record<QuickReplyPlaceholder, string>> = {};
    const peer = this.store.peer();
    if (peer) values.client = peer.name;
    const garage = this.quickReplies()?.garageName;
    if (garage) values.garage = garage;
    const booking = this.bookingInQuestion();
    if (booking) {
      values['rdv.date'] = formatBookingTime(booking.scheduledAt);
      values['rdv.service'] = booking.service;
    }
    return values;
  });

  /** The booking chosen as what messages are about, else the next open one with this person. */
  private readonly bookingInQuestion = computed(() => {
    const cards = this.appointmentsById();
    const chosen = cards.get(this.about());
    if (chosen) return chosen;
    const now = this.clock.now();
    return [...cards.values()]
      .filter(
        (card) => (card.status === 'pending' || card.status === 'confirmed') && Date.parse(card.scheduledAt) > now,
      )
      .sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt))[0];
  });

  protected readonly canSend = computed(() => this.draft().trim().length > 0 || this.staged().length > 0);
  protected readonly charactersLeft = computed(() => this.maxLength - this.draft().length);
  protected readonly appointmentOptions = computed(() =>
    this.appointments().map((appointment) => ({ id: appointment.id, label: appointmentSummary(appointment) })),
  );

  constructor() {
    afterRenderEffect(() => {
      const thread = this.store.thread();
      const messages = thread?.messages ?? [];
      // Runs again whenever the rows are redrawn, so that positions below include them.
      this.rows();
      const element = this.scroller()?.nativeElement;
      if (!element || !thread) return;
      const firstKey = messages[0]?.key ?? null;
      const last = messages.at(-1);
      const lastKey = last?.key ?? null;
      if (this.placedFor !== thread.peerId) {
        // Placed once per opening, when the page and the unread divider are both known.
        if (thread.status !== 'ready' || thread.firstUnreadKey === undefined) return;
        this.placedFor = thread.peerId;
        this.placeAtFirstUnread(element);
      } else if (this.anchor && firstKey !== this.shownFirstKey && lastKey === this.shownLastKey) {
        element.scrollTop = element.scrollHeight - this.anchor.height + this.anchor.top;
        this.anchor = null;
      } else if (lastKey !== this.shownLastKey && (this.atBottom || last?.senderId === this.scope.userId())) {
        this.toBottom(element);
      }
      this.shownFirstKey = firstKey;
      this.shownLastKey = lastKey;
    });
  }

  protected onScroll(): void {
    const element = this.scroller()?.nativeElement;
    if (!element) return;
    this.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX;
    if (this.atBottom) this.seenKey.set(this.store.thread()?.messages.at(-1)?.key ?? null);
    if (element.scrollTop < EDGE_PX) this.loadOlder();
  }

  protected jumpToNewest(): void {
    const element = this.scroller()?.nativeElement;
    if (element) this.toBottom(element);
  }

  protected loadOlder(): void {
    const thread = this.store.thread();
    const element = this.scroller()?.nativeElement;
    if (!thread?.olderCursor || thread.loadingOlder || thread.status !== 'ready' || !element) return;
    this.anchor = { height: element.scrollHeight, top: element.scrollTop };
    void this.store.loadOlder();
  }

  protected onInput(event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.draft.set(text);
    const peerId = this.store.openPeerId();
    if (!peerId) return;
    this.drafts.set(peerId, text);
    this.typing.notify(peerId);
  }

  /**
   * Enter sends; Shift+Enter (and Enter while composing an accented character) adds a line. While
   * quick replies are offered, the arrows choose one, Enter inserts it and Escape closes the list.
   */
  protected onKeydown(event: KeyboardEvent): void {
    if (this.suggestions().length > 0 && this.onSuggestionKey(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  }

  protected toggleQuickReplies(): void {
    this.quickRepliesOpen.update((open) => !open);
    this.composer()?.nativeElement.focus();
  }

  /** Replaces the draft with the reply, its placeholders filled from the thread, ready to send. */
  protected insertQuickReply(reply: QuickReplyView): void {
    const text = fillQuickReply(reply.content, this.placeholderValues()).slice(0, this.maxLength);
    this.quickRepliesOpen.set(false);
    this.draft.set(text);
    const peerId = this.store.openPeerId();
    if (peerId) this.drafts.set(peerId, text);
    this.composer()?.nativeElement.focus();
  }

  /** True when the key was for the suggestions list. */
  private onSuggestionKey(event: KeyboardEvent): boolean {
    const count = this.suggestions().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.highlighted.update((index) => (index + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      this.quickRepliesOpen.set(false);
      this.dismissedDraft.set(this.draft());
      return true;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.insertQuickReply(this.suggestions()[this.highlighted()]);
      return true;
    }
    return false;
  }

  protected onAboutChange(event: Event): void {
    this.about.set((event.target as HTMLSelectElement).value);
  }

  protected send(): void {
    const peerId = this.store.openPeerId();
    if (!this.canSend() || !peerId) return;
    this.atBottom = true;
    const staged = this.staged();
    this.store.send(
      this.draft(),
      this.about() || undefined,
      staged.map(({ file }) => file),
    );
    this.revokePreviews(staged);
    this.staged.set([]);
    this.attachError.set(null);
    this.draft.set('');
    this.drafts.set(peerId, '');
  }

  protected onFilesChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles(Array.from(input.files ?? []));
    input.value = '';
  }

  /** A pasted image (a screenshot) joins the next message instead of landing in the text. */
  protected onPaste(event: ClipboardEvent): void {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    this.addFiles(files);
  }

  protected onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }

  protected onDrop(event: DragEvent): void {
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    this.addFiles(files);
  }

  protected unstage(id: number): void {
    this.revokePreviews(this.staged().filter((item) => item.id === id));
    this.staged.update((items) => items.filter((item) => item.id !== id));
  }

  protected openViewer(attachment: AttachmentView): void {
    this.viewing.set(attachment);
    this.viewer()?.nativeElement.showModal();
  }

  protected closeViewer(): void {
    this.viewer()?.nativeElement.close();
  }

  protected startEdit(key: string, content: string): void {
    this.editing.set({ key, text: content });
  }

  protected onEditInput(event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.editing.update((editing) => (editing ? { ...editing, text } : editing));
  }

  /** Enter saves, Escape gives up; Shift+Enter adds a line. */
  protected onEditKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.editing.set(null);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.saveEdit();
    }
  }

  protected saveEdit(): void {
    const editing = this.editing();
    if (!editing || !editing.text.trim()) return;
    this.editing.set(null);
    void this.store.edit(editing.key, editing.text);
  }

  protected remove(key: string): void {
    if (this.editing()?.key === key) this.editing.set(null);
    void this.store.remove(key);
  }

  /** Keeps the files that may be sent, up to the per-message limit, and says why the others were left out. */
  private addFiles(files: readonly File[]): void {
    const refusals: string[] = [];
    const accepted: StagedFile[] = [];
    const room = LIMITS.attachmentsPerMessage - this.staged().length;
    for (const file of files) {
      const refusal = refusalOf(file);
      if (refusal) refusals.push(refusal);
      else if (accepted.length < room) {
        accepted.push({
          id: ++this.stagedSequence,
          file,
          previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
          sizeLabel: formatSize(file.size),
        });
      } else refusals.push(fr.chat.attachments.tooMany(LIMITS.attachmentsPerMessage));
    }
    this.staged.update((items) => [...items, ...accepted]);
    this.attachError.set(refusals.length > 0 ? [...new Set(refusals)].join(' ') : null);
  }

  private revokePreviews(items: readonly StagedFile[]): void {
    for (const item of items) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
  }

  private placeAtFirstUnread(element: HTMLElement): void {
    const divider = element.querySelector<HTMLElement>('.unread-divider');
    if (!divider) {
      this.toBottom(element);
      return;
    }
    element.scrollTop = divider.offsetTop - element.offsetTop;
    this.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX;
    this.seenKey.set(
      this.atBottom ? (this.store.thread()?.messages.at(-1)?.key ?? null) : this.lastVisibleKey(element),
    );
  }

  private toBottom(element: HTMLElement): void {
    element.scrollTop = element.scrollHeight;
    this.atBottom = true;
    this.seenKey.set(this.store.thread()?.messages.at(-1)?.key ?? null);
  }

  /** The last message whose top is in view: the new ones below it count as not seen yet. */
  private lastVisibleKey(element: HTMLElement): string | null {
    const bottom = element.getBoundingClientRect().bottom;
    const bubbles = Array.from(element.querySelectorAll<HTMLElement>('li.message'));
    const visible = bubbles.filter((bubble) => bubble.getBoundingClientRect().top < bottom);
    return visible.at(-1)?.dataset['key'] ?? null;
  }
}

function shownStatus(message: ChatMessage, readUpTo: string | null): ShownStatus {
  if (message.status !== 'sent' || message.id === null) return message.status;
  return readUpTo !== null && compareIds(message.id, readUpTo) <= 0 ? 'read' : 'sent';
}
