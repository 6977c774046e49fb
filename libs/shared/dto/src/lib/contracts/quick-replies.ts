/** Limits of a garage's saved replies. */
export const QUICK_REPLY_LIMITS = {
  /** Saved replies per garage. */
  maxPerGarage: 50,
  titleMaxLength: 60,
  /** A filled reply goes into the composer: at most a message's length. */
  contentMaxLength: 2000,
} as const;

/**
 * The placeholders a reply may hold, filled from the open thread: the client's name, the garage's
 * name, and the date and service of the booking the conversation is about.
 */
export const QUICK_REPLY_PLACEHOLDERS = ['client', 'garage', 'rdv.date', 'rdv.service'] as const;
export type QuickReplyPlaceholder = (typeof QUICK_REPLY_PLACEHOLDERS)[number];

/** A garage's saved reply, as listed (in the garage's order). */
export interface QuickReplyView {
  id: string;
  title: string;
  /** The text with its placeholders, e.g. `Bonjour {client}, le devis est prêt.` */
  content: string;
}

/** GET /api/quick-replies: my garage's replies in order, and its name for `{garage}`. */
export interface QuickRepliesView {
  garageName: string;
  items: QuickReplyView[];
}

/** POST /api/quick-replies (added last). */
export interface CreateQuickReplyRequest {
  title: string;
  content: string;
}

/** PATCH /api/quick-replies/:id. */
export interface UpdateQuickReplyRequest {
  title?: string;
  content?: string;
}

/** PUT /api/quick-replies/order: every reply's id, once each, in the new order. */
export interface ReorderQuickRepliesRequest {
  ids: string[];
}

const PLACEHOLDER = /\{(client|garage|rdv\.date|rdv\.service)\}/g;

/**
 * A reply with its placeholders replaced by the values given, in one pass: a value is inserted as
 * it is (a `{garage}` or `<b>` inside a name stays those characters, never filled again or read as
 * markup), and a placeholder without a value stays visible for the garagiste to complete.
 */
export function fillQuickReply(content: string, values: Partial<Record<QuickReplyPlaceholder, string>>): string {
  return content.replace(PLACEHOLDER, (placeholder, name: QuickReplyPlaceholder) => values[name] ?? placeholder);
}
