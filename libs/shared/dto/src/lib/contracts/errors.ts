/** Stable error codes: REST error bodies and failed socket acknowledgements carry one. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  /** The password is too easy to guess; `message` says why, in French, for the person typing it. */
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  CONFLICT: 'CONFLICT',
  /** The garage would be left without an owner: promote another member first (409). */
  LAST_OWNER: 'LAST_OWNER',
  /**
   * Answered by 0.10.0 only, while the account that registered the garage held its clients'
   * conversations; since 0.14.0 the conversations are the garage's and that account is an owner
   * like any other (kept so that clients of 0.10.0 still type-check).
   */
  GARAGE_FOUNDER: 'GARAGE_FOUNDER',
  /** The invitation's link is past its validity (410): ask for a new invitation. */
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  /** The invitation's link was already used (410): it works once. */
  INVITATION_USED: 'INVITATION_USED',
  /** A booking time outside the garage's opening hours or slots (400); `message` says why in French. */
  OUTSIDE_OPENING_HOURS: 'OUTSIDE_OPENING_HOURS',
  /** Another booking holds that slot of the garage (409); `message` says so in French. */
  SLOT_TAKEN: 'SLOT_TAKEN',
  /** The same client already booked that garage at that time (409); `message` says so in French. */
  DUPLICATE_BOOKING: 'DUPLICATE_BOOKING',
  /**
   * The two sides cannot reach each other now (403): one of them blocked the other. Nothing was
   * sent or booked; `message` says so in French, neutrally to the side that was blocked.
   */
  CONTACT_UNAVAILABLE: 'CONTACT_UNAVAILABLE',
  /**
   * The account is suspended by an admin (403): login and refresh are refused, and its tokens and
   * sockets stopped working when it was suspended. `message` says no more than that.
   */
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  EDIT_WINDOW_PASSED: 'EDIT_WINDOW_PASSED',
  /** A newer version of the quote replaced it (409): it takes no decision and no other new version. */
  QUOTE_SUPERSEDED: 'QUOTE_SUPERSEDED',
  /** The quote is past its expiresAt (409): ask the garage for a new one. */
  QUOTE_EXPIRED: 'QUOTE_EXPIRED',
  /** A line of the decision already has an answer (409): a line is answered once. */
  QUOTE_LINE_DECIDED: 'QUOTE_LINE_DECIDED',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An upload whose bytes are not a JPEG, PNG, WebP or PDF (415); `message` says so in French. */
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  /** The account's uploads would exceed its storage quota (403); `message` says so in French. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The database cannot be reached right now: nothing was done, retry the same request shortly. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The body of every REST error; the `error` of a failed acknowledgement (without statusCode). */
export interface ApiError {
  code: ErrorCode;
  message: string;
  statusCode?: number;
  /** One sentence per invalid field, for VALIDATION_FAILED. */
  details?: string[];
}
