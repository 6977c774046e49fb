import { badRequest } from '../common/app-exception';

/** Where a page of the garage directory ends: its last garage's name and id (the page's order). */
export interface GaragePosition {
  name: string;
  id: string;
}

const ID = /^[0-9a-f]{24}$/;

/** The nextCursor of a page: opaque to clients (base64url), so that its form may change. */
export function encodeGarageCursor(position: GaragePosition): string {
  return Buffer.from(JSON.stringify([position.name, position.id]), 'utf8').toString('base64url');
}

export function decodeGarageCursor(cursor: string): GaragePosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    !ID.test(decoded[1])
  ) {
    throw badRequest('cursor must be a nextCursor value from a previous page');
  }
  return { name: decoded[0], id: decoded[1] };
}
