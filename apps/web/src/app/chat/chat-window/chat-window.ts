import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { LIMITS, type AppointmentView } from '@promoto/shared-dto';
import { formatShortDateTime, formatTime } from '../../core/format';
import { compareIds } from '../../core/ids';
import { fr } from '../../i18n/fr';
import type { ChatMessage } from '../chat-state';
import { SessionScope } from '../session-scope';
import { ThreadStore } from '../thread.store';
import { TypingStore } from '../typing.store';

/** How close to an edge (in pixels) counts as "at the bottom" or "at the top". */
const EDGE_PX = 80;

/** The remaining-characters counter shows once a message gets this close to the limit. */
const COUNTER_FROM = 200;

type ShownStatus = 'pending' | 'sent' | 'read' | 'failed';

function appointmentSummary(appointment: AppointmentView): string {
  return fr.appointments.summary(appointment.service, formatShortDateTime(appointment.scheduledAt));
}

/** The open thread of the ThreadStore: history, live messages, and the composer. */
@Component({
  selector: 'app-chat-window',
  imports: [RouterLink],
  templateUrl: './chat-window.html',
  styleUrl: './chat-window.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatWindow {
  protected readonly store = inject(ThreadStore);
  private readonly typing = inject(TypingStore);
  private readonly scope = inject(SessionScope);
  protected readonly fr = fr;
  protected readonly maxLength = LIMITS.messageContentMaxLength;
  protected readonly counterFrom = COUNTER_FROM;

  /** Bookings between the two participants: offered as what a message is about, and named in markers. */
  readonly appointments = input<AppointmentView[]>([]);
  /** The booking the conversation was opened from: new messages are linked to it. */
  readonly initialAppointmentId = input<string | null>(null);
  /** Where "← Conversations" goes on a narrow screen. */
  readonly backLink = input.required<string>();

  protected readonly draft = linkedSignal({ source: this.store.openPeerId, computation: () => '' });
  protected readonly about = linkedSignal(() => this.initialAppointmentId() ?? '');

  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private atBottom = true;
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

  private readonly appointmentsById = computed(
    () => new Map(this.appointments().map((appointment) => [appointment.id, appointment])),
  );

  protected readonly items = computed(() => {
    const thread = this.store.thread();
    const me = this.scope.userId();
    const readUpTo = this.store.peerReadUpTo();
    const appointments = this.appointmentsById();
    return (thread?.messages ?? []).map((message) => {
      const own = message.senderId === me;
      const appointment = message.appointmentId ? appointments.get(message.appointmentId) : undefined;
      return {
        key: message.key,
        own,
        content: message.content,
        createdAt: message.createdAt,
        time: formatTime(message.createdAt),
        status: own ? shownStatus(message, readUpTo) : null,
        error: message.error ?? null,
        about: message.appointmentId
          ? appointment
            ? fr.chat.aboutAppointment(appointmentSummary(appointment))
            : fr.chat.aboutUnknownAppointment
          : null,
      };
    });
  });

  protected readonly canSend = computed(() => this.draft().trim().length > 0);
  protected readonly charactersLeft = computed(() => this.maxLength - this.draft().length);
  protected readonly appointmentOptions = computed(() =>
    this.appointments().map((appointment) => ({ id: appointment.id, label: appointmentSummary(appointment) })),
  );

  constructor() {
    afterRenderEffect(() => {
      const items = this.items();
      const element = this.scroller()?.nativeElement;
      if (!element) return;
      const firstKey = items[0]?.key ?? null;
      const last = items.at(-1);
      const lastKey = last?.key ?? null;
      if (this.anchor && firstKey !== this.shownFirstKey && lastKey === this.shownLastKey) {
        element.scrollTop = element.scrollHeight - this.anchor.height + this.anchor.top;
        this.anchor = null;
      } else if (lastKey !== this.shownLastKey && (this.atBottom || last?.own)) {
        element.scrollTop = element.scrollHeight;
      }
      this.shownFirstKey = firstKey;
      this.shownLastKey = lastKey;
    });
  }

  protected onScroll(): void {
    const element = this.scroller()?.nativeElement;
    if (!element) return;
    this.atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX;
    if (element.scrollTop < EDGE_PX) this.loadOlder();
  }

  protected loadOlder(): void {
    const thread = this.store.thread();
    const element = this.scroller()?.nativeElement;
    if (!thread?.olderCursor || thread.loadingOlder || thread.status !== 'ready' || !element) return;
    this.anchor = { height: element.scrollHeight, top: element.scrollTop };
    void this.store.loadOlder();
  }

  protected onInput(event: Event): void {
    this.draft.set((event.target as HTMLTextAreaElement).value);
    const peerId = this.store.openPeerId();
    if (peerId) this.typing.notify(peerId);
  }

  /** Enter sends; Shift+Enter (and Enter while composing an accented character) adds a line. */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  }

  protected onAboutChange(event: Event): void {
    this.about.set((event.target as HTMLSelectElement).value);
  }

  protected send(): void {
    if (!this.canSend()) return;
    this.atBottom = true;
    this.store.send(this.draft(), this.about() || undefined);
    this.draft.set('');
  }
}

function shownStatus(message: ChatMessage, readUpTo: string | null): ShownStatus {
  if (message.status !== 'sent' || message.id === null) return message.status;
  return readUpTo !== null && compareIds(message.id, readUpTo) <= 0 ? 'read' : 'sent';
}
