import { idBefore } from './catch-up';

describe('the id a catch-up starts from', () => {
  it('is below every message created in the overlap before the watermark', () => {
    // 0x6b07bd0e seconds, then milliseconds, process and counter.
    expect(idBefore('6b07bd0e01f4a1dc99551e07', 60_000)).toBe('6b07bcd20000000000000000');
    expect(idBefore('6b07bd0e01f4a1dc99551e07', 60_000) < '6b07bcd2000000000000ffff').toBe(true);
  });

  it('stays a valid id for the earliest watermarks', () => {
    expect(idBefore('0000001e0000000000000000', 60_000)).toBe('000000000000000000000000');
  });
});
