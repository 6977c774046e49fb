import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  model,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  LIMITS,
  fillQuickReply,
  type AppointmentView,
  type QuickRepliesView,
  type QuickReplyPlaceholder,
  type QuickReplyView,
} from '@promoto/shared-dto';
import { Clock } from '../../core/clock';
import { formatBookingTime } from '../../core/format';
import { TouchScreen } from '../../core/touch-screen';
import { fr } from '../../i18n/fr';
import { ACCEPTED_FILES } from '../attachment-files';
import { bookingCards, bookingInQuestion, bookingSummary } from '../booking-cards';
import { Drafts } from '../drafts';
import { QuickReplyList } from '../quick-reply-list/quick-reply-list';
import { SessionScope } from '../session-scope';
import { ShareHandOff } from '../share-hand-off';
import { matchQuickReplies } from '../quick-reply-match';
import { StagedFiles } from '../staged-files';
import { ThreadStore } from '../thread.store';
import { TypingStore } from '../typing.store';

/** The remaining-characters counter shows once a message gets this close to the limit. */
const COUNTER_FROM = 200;

/** The composer grows with its text up to this height (about five lines), then scrolls. */
const MAX_FIELD_HEIGHT_REM = 8;

/**
 * What I write in the open thread: the text with its per-conversation draft, the booking it is
 * about, the files staged for it, and a garagiste's quick replies (`/` at the start, or the
 * button). With a keyboard Enter sends and Shift+Enter adds a line; on a touch screen Enter adds a
 * line and the button sends. On a phone the tools are icon buttons and the booking folds away.
 * A garage's member may switch to « Note interne »: what they write then (and their typing) is
 * for their colleagues only, until they switch back or open another thread.
 */
@Component({
  selector: 'app-chat-composer',
  imports: [QuickReplyList],
  templateUrl: './chat-composer.html',
  styleUrl: './chat-composer.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatComposer {
  private readonly store = inject(ThreadStore);
  private readonly typing = inject(TypingStore);
  private readonly drafts = inject(Drafts);
  private readonly clock = inject(Clock);
  protected readonly touch = inject(TouchScreen).primary;
  protected readonly fr = fr;
  protected readonly maxLength = LIMITS.messageContentMaxLength;
  protected readonly counterFrom = COUNTER_FROM;
  protected readonly acceptedFiles = ACCEPTED_FILES;
  /** Whether I write for a garage, whose members may leave internal notes. */
  protected readonly member = inject(SessionScope).sides.length > 1;

  /** Bookings between the two participants: offered as what a message is about. */
  readonly appointments = input<AppointmentView[]>([]);
  /** The booking new messages are linked to ('' for none): the thread header shows it. */
  readonly about = model('');
  /** A garagiste's saved replies: « ⚡ Réponses rapides », or `/` at the start of the composer. */
  readonly quickReplies = input<QuickRepliesView | null>(null);

  protected readonly draft = linkedSignal({
    source: this.store.openPeerId,
    computation: (peerId) => (peerId ? this.drafts.get(peerId) : ''),
  });
  /** Whether the next message is an internal note (a member's choice, per thread). */
  protected readonly note = linkedSignal({ source: this.store.openPeerId, computation: () => false });
  /** On a phone, whether the booking selector is unfolded. */
  protected readonly aboutOpen = signal(false);
  /** Files chosen for the next message; a thread of its own each. */
  protected readonly staged = new StagedFiles(this.store.openPeerId);

  /** The replies list opened by its button (a `/` at the start of the draft opens it too). */
  protected readonly quickRepliesOpen = signal(false);
  /** A `/…` draft whose list was closed with Escape: it stays closed until the draft changes. */
  private readonly dismissedDraft = signal<string | null>(null);

  private readonly field = viewChild<ElementRef<HTMLTextAreaElement>>('composer');

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
    const cards = bookingCards(this.appointments(), this.store.thread()?.messages ?? []);
    const booking = bookingInQuestion(cards, this.about(), this.clock.now());
    if (booking) {
      values['rdv.date'] = formatBookingTime(booking.scheduledAt);
      values['rdv.service'] = booking.service;
    }
    return values;
  });

  protected readonly canSend = computed(() => this.draft().trim().length > 0 || this.staged.items().length > 0);
  protected readonly charactersLeft = computed(() => this.maxLength - this.draft().length);
  protected readonly describedBy = computed(() => {
    const ids = [
      ...(this.touch() ? [] : ['chat-hint']),
      ...(this.charactersLeft() <= COUNTER_FROM ? ['chat-counter'] : []),
    ];
    return ids.length > 0 ? ids.join(' ') : null;
  });
  protected readonly appointmentOptions = computed(() =>
    this.appointments().map((appointment) => ({ id: appointment.id, label: bookingSummary(appointment) })),
  );

  constructor() {
    const handOff = inject(ShareHandOff);
    // What the phone shared to this thread (« Envoyer à… ») joins the next message.
    effect(() => {
      const peerId = this.store.openPeerId();
      const shared = peerId ? handOff.take(peerId) : null;
      if (!shared) return;
      untracked(() => {
        this.staged.add(shared.files);
        if (shared.text && !this.draft().trim()) this.draft.set(shared.text);
      });
    });
    afterRenderEffect({
      // The field's height follows its text, read after the draft is drawn.
      write: () => {
        const draft = this.draft();
        const field = this.field()?.nativeElement;
        if (!field) return;
        // Empty, it is one line high by its style: measuring it would force a layout in the middle of the first render.
        if (draft === '') {
          field.style.height = '';
          return;
        }
        field.style.height = 'auto';
        if (field.scrollHeight === 0) return;
        const rem = parseFloat(getComputedStyle(field.ownerDocument.documentElement).fontSize) || 16;
        field.style.height = `${Math.min(field.scrollHeight + 2, MAX_FIELD_HEIGHT_REM * rem)}px`;
      },
    });
  }

  /** Files dropped on the thread or shared to it join the next message. */
  stage(files: readonly File[]): void {
    this.staged.add(files);
  }

  protected onInput(event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.draft.set(text);
    const peerId = this.store.openPeerId();
    if (!peerId) return;
    this.drafts.set(peerId, text);
    this.typing.notify(peerId, this.note());
  }

  protected onNoteToggled(event: Event): void {
    this.note.set((event.target as HTMLInputElement).checked);
    this.field()?.nativeElement.focus();
  }

  /**
   * Enter sends; Shift+Enter (and Enter while composing an accented character) adds a line, and so
   * does Enter on a touch screen, where the button sends. While quick replies are offered, the
   * arrows choose one, Enter inserts it and Escape closes the list.
   */
  protected onKeydown(event: KeyboardEvent): void {
    if (this.suggestions().length > 0 && this.onSuggestionKey(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || this.touch()) return;
    event.preventDefault();
    this.send();
  }

  protected toggleQuickReplies(): void {
    this.quickRepliesOpen.update((open) => !open);
    this.field()?.nativeElement.focus();
  }

  /** Replaces the draft with the reply, its placeholders filled from the thread, ready to send. */
  protected insertQuickReply(reply: QuickReplyView): void {
    const text = fillQuickReply(reply.content, this.placeholderValues()).slice(0, this.maxLength);
    this.quickRepliesOpen.set(false);
    this.draft.set(text);
    const peerId = this.store.openPeerId();
    if (peerId) this.drafts.set(peerId, text);
    this.field()?.nativeElement.focus();
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
    this.aboutOpen.set(false);
  }

  protected send(): void {
    const peerId = this.store.openPeerId();
    if (!this.canSend() || !peerId) return;
    this.store.send(this.draft(), this.about() || undefined, this.staged.take(), this.note());
    this.draft.set('');
    this.drafts.set(peerId, '');
  }

  protected onFilesChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.staged.add(Array.from(input.files ?? []));
    input.value = '';
  }

  /** A pasted image (a screenshot) joins the next message instead of landing in the text. */
  protected onPaste(event: ClipboardEvent): void {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    this.staged.add(files);
  }
}
