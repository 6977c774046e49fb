/** Limits shared by the API's validation and the web app's forms. */
export const LIMITS = {
  messageContentMaxLength: 2000,
  previewLength: 140,
  historyPageDefaultSize: 30,
  historyPageMaxSize: 100,
  conversationPageDefaultSize: 20,
  conversationPageMaxSize: 50,
  appointmentPageDefaultSize: 20,
  appointmentPageMaxSize: 50,
  /** Garages per page of GET /api/garages/search. */
  garagePageDefaultSize: 20,
  garagePageMaxSize: 50,
  /** A nextCursor of GET /api/garages/search is at most this long. */
  garageCursorMaxLength: 1000,
  emailMaxLength: 254,
  passwordMinLength: 8,
  passwordMaxLength: 128,
  nameMaxLength: 80,
  garageFieldMaxLength: 120,
  serviceMaxLength: 120,
  noteMaxLength: 1000,
  searchMaxLength: 80,
  clientMessageIdMaxLength: 64,
  /** How long after sending its author may still edit a message (15 minutes). */
  editWindowMs: 15 * 60 * 1000,
  /** The largest upload accepted by POST /api/attachments (10 MB). */
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentsPerMessage: 5,
  /** How far ahead a booking may be made or moved (a year). */
  bookingMaxDaysAhead: 365,
  /** How long one booking holds a garage; its free slots start this far apart (an hour). */
  bookingSlotMinutes: 60,
  /** The reason given with a booking's status change, written into its notice. */
  bookingReasonMaxLength: 300,
  /** How many days GET /api/garages/:id/slots covers at most. */
  slotQueryMaxDays: 31,
  /** Opening periods in a garage's week, and closures it lists, at most. */
  openingPeriodsMax: 28,
  closuresMax: 50,
  closureLabelMaxLength: 80,
} as const;
