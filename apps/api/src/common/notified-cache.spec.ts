import { NotifiedCache } from './notified-cache';

describe('NotifiedCache', () => {
  it('reads an entry once, then answers it from memory', async () => {
    const cache = new NotifiedCache<string[]>(10);
    const load = jest.fn(async () => ['a']);
    expect(await cache.read('garage', load)).toEqual(['a']);
    expect(await cache.read('garage', load)).toEqual(['a']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shares one read between the readers of an entry not in memory yet', async () => {
    const cache = new NotifiedCache<string>(10);
    let finish: (value: string) => void = () => undefined;
    const load = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const readers = [cache.read('pair', load), cache.read('pair', load)];
    finish('open');
    expect(await Promise.all(readers)).toEqual(['open', 'open']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads again after a failed read', async () => {
    const cache = new NotifiedCache<string>(10);
    await expect(cache.read('pair', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.read('pair', async () => 'open')).toBe('open');
  });

  it('reads an entry again once it is forgotten, alone or with every other', async () => {
    const cache = new NotifiedCache<string>(10);
    await cache.read('one', async () => 'before');
    await cache.read('two', async () => 'before');
    cache.forget('one');
    expect(await cache.read('one', async () => 'after')).toBe('after');
    expect(await cache.read('two', async () => 'after')).toBe('before');
    cache.forgetAll();
    expect(await cache.read('two', async () => 'after')).toBe('after');
  });

  it('does not keep a read that was on its way when the entry was forgotten', async () => {
    const cache = new NotifiedCache<string>(10);
    let finish: (value: string) => void = () => undefined;
    const pending = cache.read('garage', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.forget('garage');
    // A reader after the change does not share the read begun before it.
    const after = cache.read('garage', async () => 'current');
    finish('older than the change');
    expect(await pending).toBe('older than the change');
    expect(await after).toBe('current');
    expect(await cache.read('garage', async () => 'read again')).toBe('current');
  });

  it('keeps what this replica wrote itself', async () => {
    const cache = new NotifiedCache<string>(10);
    cache.set('garage', 'written here');
    expect(await cache.read('garage', async () => 'read')).toBe('written here');
  });
});
