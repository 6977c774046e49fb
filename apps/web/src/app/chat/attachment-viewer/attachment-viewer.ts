import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { AttachmentView } from '@promoto/shared-dto';
import { fr } from '../../i18n/fr';
import { IDENTITY, pan, pinch, swipeStep, toggleZoom, type PhotoTransform, type Point } from './photo-gestures';

/** Two taps this close in time and place are a double tap. */
const DOUBLE_TAP_MS = 300;
const DOUBLE_TAP_PX = 30;
/** A finger that moved further than this dragged: its tap does not close the viewer. */
const TAP_TOLERANCE_PX = 10;

/**
 * The thread's photos full screen, in a modal dialog opened as it is created, from the one
 * tapped: swipe (or the arrows, or ‹ ›) to the next or previous one, pinch or double-tap to zoom
 * and drag to move a zoomed photo. Escape, « Fermer » or a tap outside the photo close it, and
 * `closed` tells the thread, which removes it.
 */
@Component({
  selector: 'app-attachment-viewer',
  templateUrl: './attachment-viewer.html',
  styleUrl: './attachment-viewer.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttachmentViewer {
  protected readonly fr = fr;
  readonly photos = input.required<readonly AttachmentView[]>();
  /** The index of the photo tapped, shown first. */
  readonly start = input(0);
  readonly closed = output<void>();
  protected readonly index = signal(0);
  protected readonly transform = signal<PhotoTransform>(IDENTITY);
  protected readonly count = computed(() => this.photos().length);
  /** The photo shown, while the dialog is open. */
  protected readonly photo = computed(() => this.photos()[this.index()] ?? null);
  protected readonly imageTransform = computed(() => {
    const { scale, x, y } = this.transform();
    return `translate(${x}px, ${y}px) scale(${scale})`;
  });

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly stage = viewChild<ElementRef<HTMLElement>>('stage');

  /** The fingers (or the mouse) on the stage, from its centre. */
  private readonly pointers = new Map<number, Point>();
  /** Where the current gesture began: the photo's transform and the pointers then. */
  private gesture: { transform: PhotoTransform; points: Point[] } | null = null;
  private dragged = false;
  private lastTap: { at: number; point: Point } | null = null;

  constructor() {
    afterNextRender(() => {
      this.show(this.start());
      this.dialog().nativeElement.showModal();
    });
  }

  close(): void {
    this.dialog().nativeElement.close();
  }

  protected show(index: number): void {
    this.index.set(Math.min(Math.max(index, 0), this.count() - 1));
    this.transform.set(IDENTITY);
  }

  protected onClosed(): void {
    this.pointers.clear();
    this.gesture = null;
    this.closed.emit();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowRight') this.show(this.index() + 1);
    else if (event.key === 'ArrowLeft') this.show(this.index() - 1);
  }

  protected onPointerDown(event: PointerEvent): void {
    // The first finger begins a new gesture: a finger whose lifting was never told is forgotten.
    if (event.isPrimary) this.pointers.clear();
    (event.target as Element).setPointerCapture?.(event.pointerId);
    this.pointers.set(event.pointerId, this.pointOf(event));
    if (this.pointers.size === 1) this.dragged = false;
    this.restartGesture();
  }

  protected onPointerMove(event: PointerEvent): void {
    if (!this.pointers.has(event.pointerId) || !this.gesture) return;
    this.pointers.set(event.pointerId, this.pointOf(event));
    const now = [...this.pointers.values()];
    const { transform, points } = this.gesture;
    if (now.length >= 2 && points.length >= 2) {
      this.transform.set(pinch(transform, [points[0], points[1]], [now[0], now[1]]));
      this.dragged = true;
    } else if (now.length === 1 && points.length === 1) {
      if (Math.hypot(now[0].x - points[0].x, now[0].y - points[0].y) > TAP_TOLERANCE_PX) this.dragged = true;
      this.transform.set(pan(transform, points[0], now[0]));
    }
  }

  protected onPointerUp(event: PointerEvent): void {
    const end = this.pointers.get(event.pointerId);
    const gesture = this.gesture;
    this.pointers.delete(event.pointerId);
    if (end && gesture && gesture.points.length === 1 && this.pointers.size === 0) {
      const step = gesture.transform.scale === 1 ? swipeStep(gesture.points[0], end) : 0;
      if (step !== 0) this.show(this.index() + step);
      else if (!this.dragged) this.onTap(end, event.target as Element);
    }
    this.restartGesture();
  }

  /** A tap outside the photo closes the viewer; a double tap on the photo zooms in there, or back out. */
  private onTap(point: Point, target: Element): void {
    if (!target.closest('img')) {
      this.close();
      return;
    }
    const now = Date.now();
    const last = this.lastTap;
    this.lastTap = { at: now, point };
    if (!last) return;
    if (now - last.at < DOUBLE_TAP_MS && Math.hypot(point.x - last.point.x, point.y - last.point.y) < DOUBLE_TAP_PX) {
      this.transform.update((transform) => toggleZoom(transform, point));
      this.lastTap = null;
    }
  }

  private restartGesture(): void {
    this.gesture = this.pointers.size > 0 ? { transform: this.transform(), points: [...this.pointers.values()] } : null;
  }

  private pointOf(event: PointerEvent): Point {
    const box = this.stage()?.nativeElement.getBoundingClientRect();
    if (!box) return { x: event.clientX, y: event.clientY };
    return { x: event.clientX - (box.left + box.width / 2), y: event.clientY - (box.top + box.height / 2) };
  }
}
