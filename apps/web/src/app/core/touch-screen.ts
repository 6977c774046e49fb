import { Injectable } from '@angular/core';
import { mediaQuery } from './media-query';

/**
 * Whether the primary pointer is a finger (a phone or a tablet), as the `(pointer: coarse)` media
 * query says, followed live: Enter then adds a line in the composer and a long press opens my
 * message's actions, where a mouse and a keyboard have Enter to send and the hover menu.
 */
@Injectable({ providedIn: 'root' })
export class TouchScreen {
  readonly primary = mediaQuery('(pointer: coarse)');
}
