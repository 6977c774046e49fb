import { computed, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { describeError } from '../core/api/api-error';

/**
 * A page's action on what it shows (remove a vehicle, move a quick reply, cancel a reminder, suspend
 * an account): one at a time, which one is under way, and why the last one failed, in French.
 */
export class PageAction {
  private readonly running = signal<string | null>(null);
  /** What is under way: the item run() was given, '' for the page as a whole; null when nothing is. */
  readonly pending = this.running.asReadonly();
  readonly busy = computed(() => this.running() !== null);
  readonly error = signal<string | null>(null);

  /** Sends the request, then `done` with its answer; a refusal is kept in `error` for the page to show. */
  run<T>(request: Observable<T>, done: (result: T) => void, item = ''): void {
    this.running.set(item);
    this.error.set(null);
    request.subscribe({
      next: (result) => {
        this.running.set(null);
        done(result);
      },
      error: (error: unknown) => {
        this.running.set(null);
        this.error.set(describeError(error));
      },
    });
  }
}
