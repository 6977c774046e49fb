import type { ConversationParticipant } from './views';

/**
 * A party my side blocked, as listed in the settings (GET /api/blocks): to a client, a garage; to a
 * garage's members, a client (a member blocks on behalf of the whole garage). While either side
 * blocks the other, neither writes to the other nor books, and typing is not relayed; their
 * history stays readable.
 */
export interface BlockView {
  /** The blocked side: a garage (its id, as a client's conversation names it) or a client. */
  party: ConversationParticipant;
  blockedAt: string;
  /** On a garage's side, the member who blocked. */
  blockedByName?: string;
}

/** GET /api/blocks: the parties my side blocked, the latest first. */
export interface BlockList {
  items: BlockView[];
}
