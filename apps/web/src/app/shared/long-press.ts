import { DestroyRef, Directive, inject, output } from '@angular/core';
import { TouchScreen } from '../core/touch-screen';

/** How long a finger stays down for a long press. */
const LONG_PRESS_MS = 500;
/** A finger that moves further than this scrolls: no long press. */
const MOVE_TOLERANCE_PX = 10;

/**
 * `(appLongPress)`: a finger held still on the element, or the context menu asked for on a touch
 * screen (a long press on Android, the menu key), which then opens ours instead of the browser's.
 * A mouse is left alone: the desktop has its own ways.
 */
@Directive({
  selector: '[appLongPress]',
  host: {
    '(pointerdown)': 'onPointerDown($event)',
    '(pointermove)': 'onPointerMove($event)',
    '(pointerup)': 'cancel()',
    '(pointercancel)': 'cancel()',
    '(contextmenu)': 'onContextMenu($event)',
  },
})
export class LongPress {
  private readonly touch = inject(TouchScreen).primary;
  readonly appLongPress = output<void>();

  private start: { x: number; y: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The press in progress already fired: its context menu event is the same press. */
  private fired = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected onPointerDown(event: PointerEvent): void {
    if (event.pointerType !== 'touch') return;
    this.cancel();
    this.fired = false;
    this.start = { x: event.clientX, y: event.clientY };
    this.timer = setTimeout(() => this.fire(), LONG_PRESS_MS);
  }

  protected onPointerMove(event: PointerEvent): void {
    if (!this.start) return;
    if (Math.hypot(event.clientX - this.start.x, event.clientY - this.start.y) > MOVE_TOLERANCE_PX) this.cancel();
  }

  protected onContextMenu(event: MouseEvent): void {
    if (!this.touch() && !this.start) return;
    event.preventDefault();
    if (!this.fired) this.fire();
  }

  protected cancel(): void {
    clearTimeout(this.timer);
    this.start = null;
  }

  private fire(): void {
    clearTimeout(this.timer);
    this.fired = true;
    this.appLongPress.emit();
  }
}
