import { Injectable, signal } from '@angular/core';
import { firstValueFrom, isObservable, type Observable } from 'rxjs';

/**
 * The logged-in user the chat stores work for. Every store hands its requests to `settle`, so
 * that an answer arriving after a logout (or a new login) never lands in the new session's state.
 */
@Injectable({ providedIn: 'root' })
export class SessionScope {
  private readonly user = signal<string | null>(null);
  private generation = 0;

  readonly userId = this.user.asReadonly();

  begin(userId: string): void {
    this.generation++;
    this.user.set(userId);
  }

  end(): void {
    this.generation++;
    this.user.set(null);
  }

  /**
   * Awaits a request, then hands its value to `onValue` or its failure to `onError`, unless the
   * session that made the request has ended meanwhile: then neither runs.
   */
  async settle<T>(
    request: Observable<T> | Promise<T>,
    onValue: (value: T) => void,
    onError: (error: unknown) => void = () => undefined,
  ): Promise<void> {
    const generation = this.generation;
    let value: T;
    try {
      value = await (isObservable(request) ? firstValueFrom(request) : request);
    } catch (error) {
      if (generation === this.generation) onError(error);
      return;
    }
    if (generation === this.generation) onValue(value);
  }
}
