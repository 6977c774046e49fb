import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const userId = '65a1b2c3d4e5f60718293a4b';

  it('gives back the user a token was made for', () => {
    expect(verifyUnsubscribeToken(secret, unsubscribeToken(secret, userId))).toBe(userId);
  });

  it('refuses a token for another user, under another secret, or malformed', () => {
    const token = unsubscribeToken(secret, userId);
    const signature = token.split('.')[1];
    expect(verifyUnsubscribeToken(secret, `65a1b2c3d4e5f60718293a4c.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken('another-secret-of-thirty-two-characters', token)).toBeNull();
    expect(verifyUnsubscribeToken(secret, userId)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${token}.x`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `not-an-id.${signature}`)).toBeNull();
  });
});
