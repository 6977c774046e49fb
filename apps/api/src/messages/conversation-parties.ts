import type { UserRole } from '@promoto/shared-dto';
import { forbidden } from '../common/app-exception';
import type { ConversationSides } from '../common/conversation-sides';

/**
 * A conversation is between two sides, its "parties": a client, named by their user id, and a
 * garage, named by the garage's id, whichever of its members writes or reads. A viewer is a person
 * with their side: a client is their own side, a garage's member is on their garage's.
 */
export interface Viewer {
  userId: string;
  partyId: string;
}

/** The side a person is on: null for a garagiste who belongs to no garage (removed, or never joined). */
export function partyOf(user: { id: string; role: UserRole; garageId?: string }): string | null {
  if (user.role === 'client') return user.id;
  return user.garageId ?? null;
}

/** The person as a viewer of conversations; a garagiste without a garage has none. */
export function viewerOf(user: { id: string; role: UserRole; garageId?: string }): Viewer {
  const partyId = partyOf(user);
  if (!partyId) throw forbidden('You belong to no garage: you have no conversations.');
  return { userId: user.id, partyId };
}

/** Whether the viewer is a garage's member rather than a client. */
export const isMemberView = (viewer: Viewer) => viewer.userId !== viewer.partyId;

/** The two sides of the viewer's conversation with the other side (a client, or a garage). */
export const sidesWith = (viewer: Viewer, otherSide: string): ConversationSides =>
  isMemberView(viewer)
    ? { clientId: otherSide, garageId: viewer.partyId }
    : { clientId: viewer.partyId, garageId: otherSide };
