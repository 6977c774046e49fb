import { Transform } from 'class-transformer';

/** Trims strings; leaves anything else as it is so that the type check still refuses it. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Lower-cases and trims an email so that uniqueness is case-insensitive. */
export const NormalizeEmail = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** Query strings arrive as text: turns a digit string into a number, anything else stays as is. */
export const ToInt = () =>
  Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value));
