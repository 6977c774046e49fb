import { GroupCommit, type BatchOutcome } from './group-commit';

const deferred = () => {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
};

describe('GroupCommit', () => {
  it('writes a lone item at once and coalesces what arrives during a write', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const commit = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items.map((item) => ({ ok: true, value: item * 10 }));
      },
      { maxBatchSize: 100, lingerMs: 0 },
    );

    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4].map((item) => commit.submit(item));
    gate.release();
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps submission order inside and across batches, and caps the batch size', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((item) => ({ ok: true, value: item }));
      },
      { maxBatchSize: 2, lingerMs: 0 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the item the writer refused, and only the batch whose write threw', async () => {
    let calls = 0;
    const commit = new GroupCommit<string, string>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database unavailable');
        return items.map(
          (item): BatchOutcome<string> =>
            item === 'bad' ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, value: item },
        );
      },
      { maxBatchSize: 10, lingerMs: 0 },
    );
    await expect(commit.submit('lost')).rejects.toThrow('database unavailable');
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((item) => commit.submit(item)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused bad'));
  });

  it('lets the first item linger for company, then writes once', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((item) => ({ ok: true, value: item }));
      },
      { maxBatchSize: 10, lingerMs: 20 },
    );
    const first = commit.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = commit.submit(2);
    await Promise.all([first, second, commit.whenIdle()]);
    expect(batches).toEqual([[1, 2]]);
  });
});
