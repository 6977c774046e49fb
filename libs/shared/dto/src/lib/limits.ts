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
} as const;
