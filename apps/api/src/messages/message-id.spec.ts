import { messageIdGenerator, newMessageId } from './message-id';

describe('newMessageId', () => {
  it('orders ids by time to the millisecond, and strictly within a process', () => {
    const ids = Array.from({ length: 1_000 }, () => newMessageId().toHexString());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the ObjectId timestamp in seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const seconds = newMessageId().getTimestamp().getTime() / 1000;
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(before + 1);
  });

  it('sorts an id of a later millisecond after one of an earlier millisecond, whatever the process', async () => {
    const first = newMessageId().toHexString();
    await new Promise((resolve) => setTimeout(resolve, 2));
    jest.isolateModules(() => {
      // A second module instance has its own random process tag, like another replica.
      const { newMessageId: otherReplica } = jest.requireActual<typeof import('./message-id')>('./message-id');
      expect(otherReplica().toHexString() > first).toBe(true);
    });
  });

  it('never goes backwards when the counter wraps within one millisecond, nor when the clock does', () => {
    let clock = 1_700_000_000_123;
    const next = messageIdGenerator({ now: () => clock, processTag: Buffer.from([1, 2, 3]), counterStart: 0xfffffd });
    const ids = [next(), next(), next(), next()];
    clock -= 5_000;
    ids.push(next(), next());
    const hex = ids.map((id) => id.toHexString());
    expect([...hex].sort()).toEqual(hex);
    expect(new Set(hex).size).toBe(hex.length);
    // The wrap borrowed the next millisecond rather than restarting the counter below older ids.
    expect(hex[3].slice(8, 12)).toBe((124).toString(16).padStart(4, '0'));
  });
});
