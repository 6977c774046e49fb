import type { QuoteAmounts } from './quote-money';
import type { BookingVehicle } from './vehicles';
import type { IsoDate } from './views';

/** What a quote's line is for: the garage's work, or a part it supplies. */
export const QUOTE_LINE_KINDS = ['labour', 'part'] as const;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];

/** A client's answer to a line: none yet, yes or no. */
export const QUOTE_LINE_DECISIONS = ['pending', 'approved', 'declined'] as const;
export type QuoteLineDecision = (typeof QUOTE_LINE_DECISIONS)[number];

/**
 * Where a quote stands: `open` while a line awaits the client's answer, `decided` once every line
 * has one, `superseded` once the garage sent a new version of it, `expired` past its expiresAt with
 * lines still awaiting an answer. Only an open quote takes decisions.
 */
export const QUOTE_STATUSES = ['open', 'decided', 'superseded', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const QUOTE_LIMITS = {
  linesMax: 50,
  labelMaxLength: 200,
} as const;

/** One line as a member of the garage writes it. */
export interface QuoteLineRequest {
  label: string;
  kind: QuoteLineKind;
  /** The quantity in hundredths (1,5 → 150), from 0,01 to 9 999,99. */
  quantityHundredths: number;
  /** The unit price excluding VAT, in cents (0 to 100 000,00 €). */
  unitPriceCents: number;
  /** The VAT rate in basis points (20 % → 2000); DEFAULT_VAT_RATE_BASIS_POINTS when absent. */
  vatRateBasisPoints?: number;
}

/**
 * POST /api/quotes: a member of the garage sends a quote about one of the garage's bookings to the
 * booking's client, as a message of kind 'quote' in their conversation (answered as its
 * MessageView). With `supersedesQuoteId`, it is a new version of that quote, which stops taking
 * decisions (409 QUOTE_SUPERSEDED once already replaced).
 */
export interface SendQuoteRequest {
  appointmentId: string;
  lines: QuoteLineRequest[];
  supersedesQuoteId?: string;
  /** As a message's: a retry with the same id sends the quote once. */
  clientMessageId?: string;
}

/**
 * POST /api/quotes/:id/decisions: the client approves or declines the lines of `lineIndexes`
 * (0-based, in the quote's order), or every line still awaiting an answer when absent. A line is
 * answered once (409 QUOTE_LINE_DECIDED); a replaced quote answers 409 QUOTE_SUPERSEDED, an expired
 * one 409 QUOTE_EXPIRED. Answered with the QuoteView after the decision.
 */
export interface DecideQuoteRequest {
  decision: Exclude<QuoteLineDecision, 'pending'>;
  lineIndexes?: number[];
}

/** A line as sent, with the amounts the server computed (quote-money.ts). */
export interface QuoteLine extends QuoteAmounts {
  label: string;
  kind: QuoteLineKind;
  quantityHundredths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
}

/** The payload of a 'quote' message: the quote as sent, which never changes afterwards. */
export interface QuotePayload {
  quoteId: string;
  /** 1 for a first quote, then one more for each new version. */
  version: number;
  appointmentId: string;
  /** The booking's vehicle when the quote was sent, when the booking names one. */
  vehicle?: BookingVehicle;
  /** The version this one replaces. */
  supersedesQuoteId?: string;
  lines: QuoteLine[];
  totals: QuoteAmounts;
  /** Decisions are refused after this time. */
  expiresAt: IsoDate;
}

/** One line's answer, as a decision notice reports it. */
export interface QuoteLineDecisionEntry {
  lineIndex: number;
  decision: Exclude<QuoteLineDecision, 'pending'>;
}

/**
 * The payload of a 'quote-decision' message, the notice the client's decision writes into the
 * thread (sent by the client, unread for the garage's members).
 */
export interface QuoteDecisionPayload {
  quoteId: string;
  version: number;
  /** The lines this decision answered. */
  decisions: QuoteLineDecisionEntry[];
  /** The approved lines' amounts so far, this decision included. */
  approved: QuoteAmounts;
  /** Lines still awaiting an answer. */
  pendingLines: number;
}

/** A line with the client's answer. */
export interface QuoteLineView extends QuoteLine {
  decision: QuoteLineDecision;
  decidedAt?: IsoDate;
}

/** GET /api/quotes/:id: a quote as it stands, for its client and the garage's members. */
export interface QuoteView {
  id: string;
  version: number;
  /**
   * The 'quote' message that sent it; absent only for the instant between the quote's record,
   * written first so that whoever sees its message can read it, and its message's.
   */
  messageId?: string;
  appointmentId: string;
  clientId: string;
  garageId: string;
  supersedesQuoteId?: string;
  /** The version that replaced it. */
  supersededByQuoteId?: string;
  status: QuoteStatus;
  lines: QuoteLineView[];
  totals: QuoteAmounts;
  /** The approved lines' amounts. */
  approved: QuoteAmounts;
  sentAt: IsoDate;
  expiresAt: IsoDate;
  /** When the client last answered a line. */
  decidedAt?: IsoDate;
}

/** On a booking: the amount its client approved on its latest quote that has an answer. */
export interface ApprovedQuoteAmount {
  quoteId: string;
  version: number;
  approved: QuoteAmounts;
}
