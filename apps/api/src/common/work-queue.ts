/** Refused by a WorkQueue whose waiting line is full. */
export class QueueFullError extends Error {
  constructor() {
    super('the queue is full');
  }
}

/**
 * Runs at most `concurrency` tasks at a time, the others waiting their turn in arrival order, and
 * refuses a task outright when `maxWaiting` are already waiting (each holds what it works on).
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // The slot passes to the next task in line, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
