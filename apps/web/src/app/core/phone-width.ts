import { Injectable } from '@angular/core';
import { mediaQuery } from './media-query';

/**
 * Whether the window is as narrow as a phone's: the stylesheets' `(max-width: 47.99rem)`, for what
 * a template lays out differently there (the thread header's actions fold into « ⋯ »).
 */
@Injectable({ providedIn: 'root' })
export class PhoneWidth {
  readonly narrow = mediaQuery('(max-width: 47.99rem)');
}
