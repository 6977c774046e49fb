import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { vehicleLabel, type AppointmentView, type AttachmentView, type QuickRepliesView } from '@promoto/shared-dto';
import { PhoneWidth } from '../../core/phone-width';
import { fr } from '../../i18n/fr';
import { threadPhotos } from '../attachment-files';
import { AttachmentViewer } from '../attachment-viewer/attachment-viewer';
import { bookingCards, bookingSummary } from '../booking-cards';
import { ChatComposer } from '../chat-composer/chat-composer';
import { BookingMove } from '../../shared/booking-move/booking-move';
import { BlocksStore } from '../blocks.store';
import { ChatTimeline } from '../chat-timeline/chat-timeline';
import { QuoteEditor } from '../quote-editor/quote-editor';
import { QuoteRevision } from '../quote-revision';
import { ReportPanel } from '../report-panel/report-panel';
import { ThreadStore } from '../thread.store';

/**
 * The open thread of the ThreadStore: who it is with (and whether they type), the booking it is
 * about, the timeline of messages, the composer, and the photo viewer. Files dropped anywhere on
 * it join the next message. On a phone it is the whole screen: a compact header with the way back,
 * the messages, and the composer at the bottom. « Bloquer » asks for confirmation; while my side
 * blocks the other, the thread stays readable, says so with « Débloquer », and has no composer.
 * « Signaler » (the conversation, or one of the other side's messages) opens the report's form.
 * On a desktop « ⋯ » shows « Signaler » and « Bloquer » below the header, beside the header's other
 * actions; on a phone the header keeps the way back, the name and the booking, and « ⋯ » opens all
 * of the thread's actions (a garage member's « Devis », « Assigner à… », « Marquer comme traité »
 * and « Programmer un rappel » too) in a popup that Escape or a tap outside closes, focus back on
 * « ⋯ ».
 */
@Component({
  selector: 'app-chat-window',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    AttachmentViewer,
    BookingMove,
    ChatComposer,
    ChatTimeline,
    QuoteEditor,
    ReportPanel,
  ],
  templateUrl: './chat-window.html',
  styleUrl: './chat-window.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [QuoteRevision],
  host: {
    '(document:keydown.escape)': 'onEscape()',
    '(document:click)': 'onDocumentClick($event)',
  },
})
export class ChatWindow {
  protected readonly store = inject(ThreadStore);
  private readonly blocks = inject(BlocksStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly fr = fr;
  /** A phone's width: the header's actions fold into « ⋯ ». */
  protected readonly narrow = inject(PhoneWidth).narrow;

  /** Bookings between the two participants: offered as what a message is about, and named in markers. */
  readonly appointments = input<AppointmentView[]>([]);
  /** The booking the conversation was opened from: new messages are linked to it. */
  readonly initialAppointmentId = input<string | null>(null);
  /** Where « Retour aux conversations » (← on a phone) goes. */
  readonly backLink = input.required<string>();
  /** Whether « 🔔 Programmer un rappel » is offered beside the vehicle (a garage's members). */
  readonly reminders = input(false);
  /** A garagiste's saved replies: « ⚡ Réponses rapides », or `/` at the start of the composer. */
  readonly quickReplies = input<QuickRepliesView | null>(null);
  /** « 🧾 Devis »: a member of the garage writes a quote about one of the bookings. */
  readonly quoting = input(false);

  /** Whether the quote editor is open for a new quote, above the composer. */
  protected readonly quoteOpen = signal(false);
  /** The thread's photos full screen and the one tapped, while the viewer is open. */
  protected readonly viewing = signal<{ photos: AttachmentView[]; index: number } | null>(null);
  /** The quote a new version is being written of, from its card. */
  protected readonly revision = inject(QuoteRevision);

  protected closeQuoteEditor(): void {
    this.quoteOpen.set(false);
    this.revision.end();
  }

  private readonly composer = viewChild(ChatComposer);

  /** The booking new messages are linked to ('' for none), chosen in the composer. */
  protected readonly about = linkedSignal(() => this.initialAppointmentId() ?? '');
  private readonly aboutCard = computed(() =>
    bookingCards(this.appointments(), this.store.thread()?.messages ?? []).get(this.about()),
  );
  /** That booking as it stands now, for the header. */
  protected readonly aboutLine = computed(() => {
    const booking = this.aboutCard();
    return booking ? fr.chat.threadBooking(bookingSummary(booking), fr.appointments.statusLabel[booking.status]) : null;
  });
  /**
   * The vehicle the conversation is about: the chosen booking's, else the one of the latest booking
   * made with a vehicle (its notices in the thread first, then the bookings loaded with the page).
   */
  protected readonly vehicle = computed(() => {
    const messages = this.store.thread()?.messages ?? [];
    return (
      this.aboutCard()?.vehicle ??
      [...messages].reverse().find((message) => message.bookingEvent?.vehicle)?.bookingEvent?.vehicle ??
      this.appointments().find((appointment) => appointment.vehicle)?.vehicle ??
      null
    );
  });
  protected readonly vehicleLine = computed(() => {
    const vehicle = this.vehicle();
    return vehicle ? fr.chat.threadVehicle(vehicleLabel(vehicle)) : null;
  });
  /** That booking, as it stands now, while it can still be moved (« Déplacer » beside its line). */
  protected readonly movable = computed(() => {
    const card = this.aboutCard();
    const booking = this.appointments().find((appointment) => appointment.id === this.about());
    return booking && card && (card.status === 'pending' || card.status === 'confirmed')
      ? { ...booking, ...card }
      : null;
  });

  protected readonly peerName = computed(() => {
    const peer = this.store.peer();
    return peer ? (peer.garageName ?? peer.name) : fr.chat.unknownUser;
  });
  /** The garagiste's name under their garage's, or « Client ». */
  protected readonly peerSubtitle = computed(() => {
    const peer = this.store.peer();
    if (!peer) return null;
    return peer.garageName ? peer.name : fr.roles[peer.role];
  });

  /** My side's block on the other, if any. */
  private readonly myBlock = computed(() => this.blocks.blockOf(this.store.peer()));
  protected readonly blocked = computed(() => this.myBlock() !== undefined);
  /**
   * The other side, as a block names it: a garage by its id, whether the thread knows it by a
   * member's profile or by the garage's conversation (the layout moves from one to the other).
   */
  private readonly peerSide = computed(() => {
    const peer = this.store.peer();
    return peer ? (peer.garageId ?? peer.id) : null;
  });
  /** « ⋯ »: the thread's « Signaler » and « Bloquer » show, and on a phone its other actions (for this thread only). */
  protected readonly moreOpen = linkedSignal({ source: this.peerSide, computation: () => false });
  /** « Bloquer » was pressed: the confirmation shows (for this thread only). */
  protected readonly confirmingBlock = linkedSignal({ source: this.peerSide, computation: () => false });
  /** « Signaler »: the conversation (no message) or one message, being reported (for this thread only). */
  protected readonly reporting = linkedSignal<string | null, { messageId: string | null } | null>({
    source: this.peerSide,
    computation: () => null,
  });
  protected readonly blockBusy = signal(false);
  protected readonly blockError = linkedSignal<string | null, string | null>({
    source: this.peerSide,
    computation: () => null,
  });

  constructor() {
    this.blocks.ensureLoaded();
  }

  protected toggleMore(): void {
    this.moreOpen.set(!this.moreOpen());
    if (this.moreOpen() && this.narrow()) {
      // The popup's first action, for the keyboard (a finger taps what it wants anyway).
      afterNextRender(() => this.menu()?.querySelector<HTMLElement>('button, a, select')?.focus(), {
        injector: this.injector,
      });
    }
  }

  protected toggleQuote(): void {
    this.quoteOpen.set(!this.quoteOpen());
    this.closeMenu();
  }

  protected toggleReport(): void {
    this.reporting.set(this.reporting() ? null : { messageId: null });
    this.closeMenu();
  }

  protected toggleBlockConfirmation(): void {
    this.confirmingBlock.set(!this.confirmingBlock());
    this.closeMenu();
  }

  protected onEscape(): void {
    if (this.menuShown()) this.closeMenu();
  }

  /**
   * A tap outside the popup and its « ⋯ » closes it; focus goes back to « ⋯ » unless the tap gave
   * it to a control (not to a container around « ⋯ », such as the page's main region), once the
   * popup is hidden and the tap's events are over.
   */
  protected onDocumentClick(event: MouseEvent): void {
    if (!this.menuShown()) return;
    const target = event.target as Node | null;
    if (target && (this.menu()?.contains(target) || this.toggle()?.contains(target))) return;
    this.moreOpen.set(false);
    afterNextRender(
      () => {
        const toggle = this.toggle();
        const focused = this.host.nativeElement.ownerDocument.activeElement;
        if (toggle && (!focused || focused.contains(toggle) || this.menu()?.contains(focused))) toggle.focus();
      },
      { injector: this.injector },
    );
  }

  /** Closes the phone's popup, focus back on « ⋯ »; a desktop's « Signaler » and « Bloquer » stay shown. */
  private closeMenu(): void {
    if (!this.menuShown()) return;
    this.moreOpen.set(false);
    this.toggle()?.focus();
  }

  private menuShown(): boolean {
    return this.narrow() && this.moreOpen();
  }

  private menu(): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>('#thread-actions');
  }

  private toggle(): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>('.more-toggle');
  }

  protected async block(): Promise<void> {
    const peer = this.store.peer();
    if (!peer) return;
    await this.changeBlock(() => this.blocks.block(peer.id));
    this.confirmingBlock.set(false);
  }

  protected async unblock(): Promise<void> {
    const block = this.myBlock();
    if (block) await this.changeBlock(() => this.blocks.unblock(block.party.id));
  }

  private async changeBlock(change: () => Promise<string | null>): Promise<void> {
    this.blockBusy.set(true);
    this.blockError.set(null);
    this.blockError.set(await change());
    this.blockBusy.set(false);
  }

  /** The photo tapped, full screen, the thread's other photos a swipe away. */
  protected openPhoto(photo: AttachmentView): void {
    const photos = threadPhotos(this.store.thread()?.messages ?? []);
    this.viewing.set({
      photos,
      index: Math.max(
        photos.findIndex((item) => item.id === photo.id),
        0,
      ),
    });
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
    this.composer()?.stage(files);
  }
}
