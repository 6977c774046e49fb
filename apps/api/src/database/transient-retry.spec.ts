import { isTransient, retryTransient } from './transient-retry';

describe('retryTransient', () => {
  it('tries a write again while it fails for a passing reason', async () => {
    let calls = 0;
    const write = async () => {
      calls += 1;
      if (calls < 3) throw new Error('database is locked (5) (SQLITE_BUSY)');
      return 'written';
    };
    await expect(retryTransient(write)).resolves.toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up at once on an error a second attempt cannot cure', async () => {
    let calls = 0;
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    await expect(
      retryTransient(async () => {
        calls += 1;
        throw duplicate;
      }),
    ).rejects.toBe(duplicate);
    expect(calls).toBe(1);
    expect(isTransient(Object.assign(new Error('x'), { name: 'MongoNetworkError' }))).toBe(true);
  });
});
