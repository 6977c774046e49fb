/** What a batch writer answers for each item, in the items' order: its result, or why it alone failed. */
export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Items written by one call at most. */
  maxBatchSize: number;
  /**
   * How long the first item of an idle writer waits for others, in milliseconds: a few
   * milliseconds fill batches at rates where they would otherwise hold one or two items. 0
   * writes a lone item at once (after the current tick).
   */
  lingerMs: number;
}

/**
 * Group commit: the first item waits `lingerMs` for company, items submitted while a batch is
 * being written wait for that write and go out together in the next one. Each submitter learns
 * its own item's outcome; a batch whose write throws fails only its own items.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private writing = false;
  private idle: Promise<void> = Promise.resolve();
  private settle: () => void = () => undefined;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<BatchOutcome<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      this.idle = new Promise((settle) => (this.settle = settle));
      if (this.options.lingerMs > 0) setTimeout(() => void this.drain(), this.options.lingerMs);
      else setImmediate(() => void this.drain());
    });
  }

  /** Resolves once everything submitted so far is written (or failed). */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatchSize);
      try {
        const outcomes = await this.writeBatch(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, index) => {
          const outcome = outcomes[index];
          if (outcome.ok) waiting.resolve(outcome.value);
          else waiting.reject(outcome.error);
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.writing = false;
    this.settle();
  }
}
