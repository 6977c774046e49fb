import { AppException } from './app-exception';
import { assertSafePayload, MAX_PAYLOAD_DEPTH } from './payload-shape';

function nested(levels: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

const refusal = (value: unknown) => {
  try {
    assertSafePayload(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    return (error as AppException).message;
  }
  return null;
};

describe('assertSafePayload', () => {
  it(`accepts ${MAX_PAYLOAD_DEPTH} levels of objects and arrays, and refuses one more`, () => {
    expect(refusal(nested(MAX_PAYLOAD_DEPTH))).toBeNull();
    expect(refusal(nested(MAX_PAYLOAD_DEPTH + 1))).toMatch(/nested too deeply/);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(refusal(nested(100_000))).toMatch(/nested too deeply/);
  });

  it('refuses inherited names as keys, at any depth, inside arrays too', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'isPrototypeOf']) {
      expect(refusal(JSON.parse(`{"garage":{"items":[{"${key}":1}]}}`))).toBe(
        `property garage.items.0.${key} should not exist`,
      );
    }
    expect(refusal({ name: 'toString', content: 'constructor' })).toBeNull();
  });

  it('refuses lone surrogates in values and keys, and accepts paired ones', () => {
    expect(refusal({ content: 'ok 🚗 é' })).toBeNull();
    expect(refusal({ content: 'cut \uD83D' })).toBe('content must be valid Unicode text (it holds a lone surrogate).');
    expect(refusal({ list: ['\uDE97'] })).toMatch(/^list\.0 must be valid Unicode/);
    expect(refusal({ ['\uD83D']: 1 })).toBe('Field names must be valid Unicode text.');
  });

  it('leaves numbers, booleans, null and absent values alone', () => {
    for (const value of [undefined, null, 1, true, { a: null, b: [1, false] }]) expect(refusal(value)).toBeNull();
  });
});
