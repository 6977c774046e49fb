/**
 * The one spelling of an id on the wire: 24 lower-case hexadecimal characters. Upper case,
 * `0x` prefixes and anything else are refused at the edge rather than normalised, so that one
 * person or conversation never has two spellings.
 */
export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

export const isObjectId = (value: unknown): value is string =>
  typeof value === 'string' && OBJECT_ID_PATTERN.test(value);
