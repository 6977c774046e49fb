import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { firstValueFrom, isObservable, type Observable } from 'rxjs';
import { SIGNED_IN_USER } from '../core/auth/signed-in-user';

/**
 * The signed-in user the chat stores of one session work for. It lives in that session's
 * injector (see SignedInScope), which logout destroys: every store hands its requests to
 * `settle`, so that a request is not even sent once the session has ended, and an answer
 * arriving after the end never lands in state that is still shown.
 */
@Injectable()
export class SessionScope {
  private readonly user = inject(SIGNED_IN_USER);
  private ended = false;

  readonly userId = signal(this.user.userId).asReadonly();
  /** The ids a message of my side is written from or to: mine, and my garage's when I am a member of one. */
  readonly sides: readonly string[] = [this.user.userId, ...(this.user.garageId ? [this.user.garageId] : [])];

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.ended = true));
  }

  /**
   * Awaits a request, then hands its value to `onValue` or its failure to `onError`, unless the
   * session that made the request has ended meanwhile: then neither runs. An observable request
   * of an ended session is not subscribed to at all.
   */
  async settle<T>(
    request: Observable<T> | Promise<T>,
    onValue: (value: T) => void,
    onError: (error: unknown) => void = () => undefined,
  ): Promise<void> {
    if (this.ended) return;
    let value: T;
    try {
      value = await (isObservable(request) ? firstValueFrom(request) : request);
    } catch (error) {
      if (!this.ended) onError(error);
      return;
    }
    if (!this.ended) onValue(value);
  }
}
