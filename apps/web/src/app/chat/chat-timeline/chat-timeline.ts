import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@promoto/shared-dto';
import { Clock } from '../../core/clock';
import { fr } from '../../i18n/fr';
import { LongPress } from '../../shared/long-press';
import { bookingCards } from '../booking-cards';
import { fromPeer } from '../chat-state';
import { MessageActions } from '../message-actions/message-actions';
import { MessageBubble } from '../message-bubble/message-bubble';
import { SessionScope } from '../session-scope';
import { ThreadStore } from '../thread.store';
import { buildTimelineRows, type MessageRow, type ShownAttachment } from '../timeline-rows';

/** How close to an edge (in pixels) counts as "at the bottom" or "at the top". */
const EDGE_PX = 80;

/**
 * The open thread's messages, by day and by person, with the booking notices: placed at the first
 * unread message on opening, following new messages while the reader is at the bottom (and
 * counting those that arrive while they read higher up), loading older pages at the top without
 * moving what is in view, keeping what is at the bottom in view when the thread gets shorter (the
 * on-screen keyboard opens), and editing one of mine in place. On a touch screen a long press on
 * one of mine opens its actions.
 */
@Component({
  selector: 'app-chat-timeline',
  imports: [LongPress, MessageActions, MessageBubble, RouterLink],
  templateUrl: './chat-timeline.html',
  styleUrl: './chat-timeline.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatTimeline {
  protected readonly store = inject(ThreadStore);
  private readonly scope = inject(SessionScope);
  private readonly clock = inject(Clock);
  private readonly document = inject(DOCUMENT);
  protected readonly fr = fr;

  /** Who the thread is with, as its header names them. */
  readonly peerName = input.required<string>();
  /** Bookings between the two participants, named in the markers. */
  readonly appointments = input<AppointmentView[]>([]);
  readonly photoOpened = output<ShownAttachment>();
  /** « Signaler ce message », with the message's id. */
  readonly messageReported = output<string>();

  /** The key of the message of mine being edited. */
  protected readonly editing = signal<string | null>(null);
  /** The message whose actions a long press opened, while their sheet is open. */
  protected readonly acting = signal<MessageRow | null>(null);
  /** The last message the reader has seen at the bottom; the ones after it are counted as new. */
  private readonly seenKey = linkedSignal<string | null, string | null>({
    source: this.store.openPeerId,
    computation: () => null,
  });

  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private atBottom = true;
  /** The thread whose reader was placed at its first unread message (or bottom) on opening. */
  private placedFor: string | null = null;
  /** The frame that places the reader of the thread just opened, until it has run. */
  private placing: number | null = null;
  private shownFirstKey: string | null = null;
  private shownLastKey: string | null = null;
  /** Scroll height and position before older messages were asked for, to keep the reader's place. */
  private anchor: { height: number; top: number } | null = null;

  protected readonly rows = computed(() => {
    const thread = this.store.thread();
    const messages = thread?.messages ?? [];
    return buildTimelineRows({
      messages,
      firstUnreadKey: thread?.firstUnreadKey ?? null,
      now: this.clock.now(),
      me: this.scope.userId(),
      peerId: thread?.peerId ?? null,
      garageName: this.store.peer()?.role === 'garagiste' ? (this.store.peer()?.garageName ?? null) : null,
      readUpTo: this.store.peerReadUpTo(),
      bookings: bookingCards(this.appointments(), messages),
    });
  });

  /** The other person's messages that arrived below while the reader was scrolled up. */
  protected readonly unseenCount = computed(() => {
    const seen = this.seenKey();
    const messages = this.store.thread()?.messages ?? [];
    const index = seen === null ? -1 : messages.findIndex((message) => message.key === seen);
    if (seen === null || index === -1) return 0;
    const peerId = this.store.thread()?.peerId;
    return messages.slice(index + 1).filter((message) => peerId !== undefined && fromPeer(message, peerId)).length;
  });

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
        this.placeInNextFrame(element);
      } else if (this.anchor && firstKey !== this.shownFirstKey && lastKey === this.shownLastKey) {
        element.scrollTop = element.scrollHeight - this.anchor.height + this.anchor.top;
        this.anchor = null;
      } else if (lastKey !== this.shownLastKey && (this.atBottom || last?.senderId === this.scope.userId())) {
        this.toBottom(element);
      }
      this.shownFirstKey = firstKey;
      this.shownLastKey = lastKey;
    });

    effect((onCleanup) => {
      const element = this.scroller()?.nativeElement;
      const Observer = element?.ownerDocument.defaultView?.ResizeObserver;
      if (!element || !Observer) return;
      // From the observer's first call, after a layout: read here, it would force one in the middle of rendering.
      let height: number | null = null;
      const content = element.querySelector('[role="log"]');
      const observer = new Observer(() => {
        // Shorter (the keyboard opened, the window shrank): what was at the bottom stays there.
        if (height !== null && element.clientHeight < height) element.scrollTop += height - element.clientHeight;
        height = element.clientHeight;
        // Taller content under a reader at the bottom (a photo that loaded, a bubble that grew): still the bottom.
        if (this.atBottom) element.scrollTop = element.scrollHeight;
      });
      observer.observe(element);
      if (content) observer.observe(content);
      onCleanup(() => observer.disconnect());
    });

    inject(DestroyRef).onDestroy(() => {
      if (this.placing !== null) this.document.defaultView?.cancelAnimationFrame(this.placing);
    });
  }

  /** A long press on one of my messages that I may still change, or on one of the other side's (to report it). */
  protected openActions(row: MessageRow): void {
    if ((row.canEdit || row.canDelete || row.canReport) && this.editing() !== row.key) this.acting.set(row);
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
    // Before the reader is placed the scroller sits at its top only because the page just changed
    // (another thread's shorter content clamps it to 0): that is no reader asking for older pages.
    if (this.placedFor !== thread.peerId || this.placing !== null) return;
    this.anchor = { height: element.scrollHeight, top: element.scrollTop };
    void this.store.loadOlder();
  }

  protected saveEdit(key: string, text: string): void {
    this.editing.set(null);
    void this.store.edit(key, text);
  }

  protected remove(key: string): void {
    if (this.editing() === key) this.editing.set(null);
    void this.store.remove(key);
  }

  /**
   * Places the reader in the next frame, before its layout: read in the first render's task, the
   * divider's position and the scroll height would lay the whole page out there (on a phone's
   * CPU, a third of that long task), and the frame would not lay it out any sooner.
   */
  private placeInNextFrame(element: HTMLElement): void {
    const view = this.document.defaultView;
    if (!view) return this.placeAtFirstUnread(element);
    if (this.placing !== null) view.cancelAnimationFrame(this.placing);
    this.placing = view.requestAnimationFrame(() => {
      this.placing = null;
      this.placeAtFirstUnread(element);
    });
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
