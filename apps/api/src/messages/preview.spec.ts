import { LIMITS } from '@promoto/shared-dto';
import { previewOf } from './preview';

describe('previewOf', () => {
  it('keeps a short message whole', () => {
    expect(previewOf('Bonjour 👋')).toBe('Bonjour 👋');
  });

  it('cuts before an emoji that would not fit whole', () => {
    const content = `${'a'.repeat(LIMITS.previewLength - 1)}🚗 et la suite`;
    const preview = previewOf(content);
    expect(preview).toBe('a'.repeat(LIMITS.previewLength - 1));
    expect(preview).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('keeps emoji sequences and accents together', () => {
    const family = '👨‍👩‍👧';
    const content = `${'b'.repeat(LIMITS.previewLength - 4)}${family}${'c'.repeat(10)}`;
    expect(previewOf(content)).toBe('b'.repeat(LIMITS.previewLength - 4));
    const accents = 'é'.normalize('NFD').repeat(LIMITS.previewLength);
    expect(previewOf(accents).length % 2).toBe(0);
    expect(previewOf(accents).length).toBeLessThanOrEqual(LIMITS.previewLength);
  });
});
