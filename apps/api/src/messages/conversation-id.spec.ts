import { createHash } from 'node:crypto';
import { conversationIdFor } from './conversation-id';

describe('conversationIdFor', () => {
  const client = '65a1b2c3d4e5f60718293a4b';
  const garage = '65a1b2c3d4e5f60718293a4c';

  it('is the first 12 bytes of SHA-256 over the sorted pair, the id every stored conversation has', () => {
    expect(conversationIdFor(client, garage).toHexString()).toBe('00ffaff6b48ec8a706fdb5e2');
    const expected = createHash('sha256').update(`${client}:${garage}`).digest().subarray(0, 12).toString('hex');
    expect(conversationIdFor(client, garage).toHexString()).toBe(expected);
  });

  it('names one conversation whichever side is given first', () => {
    expect(conversationIdFor(garage, client).equals(conversationIdFor(client, garage))).toBe(true);
  });
});
