import { RECONNECTION, reconnectionDelay } from './reconnection';

describe('reconnectionDelay', () => {
  it('spreads each attempt over ± 50 % of a delay that doubles up to 10 s', () => {
    expect(reconnectionDelay(0, () => 0)).toBe(500);
    expect(reconnectionDelay(0, () => 0.5)).toBe(1_000);
    expect(reconnectionDelay(0, () => 1)).toBe(1_500);
    expect(reconnectionDelay(2, () => 0)).toBe(2_000);
    expect(reconnectionDelay(2, () => 1)).toBe(6_000);
    expect(reconnectionDelay(10, () => 0)).toBe(5_000);
    expect(reconnectionDelay(10, () => 1)).toBe(RECONNECTION.reconnectionDelayMax);
  });

  it('draws different delays for clients dropped together', () => {
    const delays = new Set(Array.from({ length: 200 }, () => reconnectionDelay(0)));
    expect(delays.size).toBeGreaterThan(100);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(500);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(1_500);
  });
});
