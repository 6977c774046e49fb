import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const userId = '65a1b2c3d4e5f60718293a4b';

  it('gives back the user and the preference version a token was made for', () => {
    expect(verifyUnsubscribeToken(secret, unsubscribeToken(secret, { userId, version: 0 }))).toEqual({
      userId,
      version: 0,
    });
    const later = unsubscribeToken(secret, { userId, version: 3 });
    expect(later).toMatch(new RegExp(`^${userId}\\.3\\.[\\w-]+$`));
    expect(verifyUnsubscribeToken(secret, later)).toEqual({ userId, version: 3 });
  });

  it('writes version 0 as tokens were written before versions, so that those links keep working', () => {
    expect(unsubscribeToken(secret, { userId, version: 0 }).split('.')).toHaveLength(2);
  });

  it('refuses a token for another user or version, under another secret, or malformed', () => {
    const token = unsubscribeToken(secret, { userId, version: 0 });
    const signature = token.split('.')[1];
    const versioned = unsubscribeToken(secret, { userId, version: 2 });
    expect(verifyUnsubscribeToken(secret, `65a1b2c3d4e5f60718293a4c.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, versioned.replace('.2.', '.1.'))).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${userId}.0.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, versioned.replace('.2.', '.02.'))).toBeNull();
    expect(verifyUnsubscribeToken('another-secret-of-thirty-two-characters', token)).toBeNull();
    expect(verifyUnsubscribeToken(secret, userId)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${versioned}.x`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `not-an-id.${signature}`)).toBeNull();
  });
});
