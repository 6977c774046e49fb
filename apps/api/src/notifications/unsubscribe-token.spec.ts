import { KeyRing } from '../keys/key-ring';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  /** The key every token was signed with before key sets: JWT_SECRET itself. */
  const derived = new KeyRing([], Buffer.from(secret));
  const userId = '65a1b2c3d4e5f60718293a4b';

  it('gives back the user and the preference version a token was made for', () => {
    expect(verifyUnsubscribeToken(derived, unsubscribeToken(derived, { userId, version: 0 }))).toEqual({
      userId,
      version: 0,
    });
    const later = unsubscribeToken(derived, { userId, version: 3 });
    expect(later).toMatch(new RegExp(`^${userId}\\.3\\.[\\w-]+$`));
    expect(verifyUnsubscribeToken(derived, later)).toEqual({ userId, version: 3 });
  });

  it('writes version 0 as tokens were written before versions, so that those links keep working', () => {
    expect(unsubscribeToken(derived, { userId, version: 0 }).split('.')).toHaveLength(2);
  });

  it('names its key, and verifies while that key is in the set: the links of e-mails sent before a rotation keep working', () => {
    const before = new KeyRing([{ kid: '2026-06', secret: 'o'.repeat(40) }], Buffer.from(secret));
    const during = new KeyRing(
      [
        { kid: '2026-12', secret: 'n'.repeat(40) },
        { kid: '2026-06', secret: 'o'.repeat(40) },
      ],
      null,
    );
    const after = new KeyRing([{ kid: '2026-12', secret: 'n'.repeat(40) }], null);
    const sent = unsubscribeToken(before, { userId, version: 2 });
    expect(sent).toMatch(new RegExp(`^${userId}\\.2\\.2026-06~[\\w-]+$`));
    expect(verifyUnsubscribeToken(during, sent)).toEqual({ userId, version: 2 });
    expect(verifyUnsubscribeToken(after, sent)).toBeNull();
    expect(verifyUnsubscribeToken(during, unsubscribeToken(derived, { userId, version: 2 }))).toBeNull();
    expect(verifyUnsubscribeToken(before, unsubscribeToken(derived, { userId, version: 2 }))).toEqual({
      userId,
      version: 2,
    });
  });

  it('refuses a token for another user or version, under another secret, or malformed', () => {
    const token = unsubscribeToken(derived, { userId, version: 0 });
    const signature = token.split('.')[1];
    const versioned = unsubscribeToken(derived, { userId, version: 2 });
    const other = new KeyRing([], Buffer.from('another-secret-of-thirty-two-characters'));
    expect(verifyUnsubscribeToken(derived, `65a1b2c3d4e5f60718293a4c.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(derived, versioned.replace('.2.', '.1.'))).toBeNull();
    expect(verifyUnsubscribeToken(derived, `${userId}.0.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(derived, versioned.replace('.2.', '.02.'))).toBeNull();
    expect(verifyUnsubscribeToken(other, token)).toBeNull();
    expect(verifyUnsubscribeToken(derived, userId)).toBeNull();
    expect(verifyUnsubscribeToken(derived, `${versioned}.x`)).toBeNull();
    expect(verifyUnsubscribeToken(derived, `not-an-id.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(derived, `${userId}.unknown-kid~${signature}`)).toBeNull();
  });
});
