/** Why a message or a conversation is reported (the reporter may add a few words of their own). */
export const REPORT_REASONS = ['spam', 'harassment', 'inappropriate', 'fraud', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_LIMITS = {
  /** The reporter's own words. */
  detailsMaxLength: 500,
} as const;

/**
 * POST /api/reports: one message of a conversation of mine (`messageId`, written by the other
 * side) or the whole conversation with the other side (`userId`, named as in the thread routes),
 * exactly one of the two; `details` is required with the reason `other`.
 */
export interface CreateReportRequest {
  messageId?: string;
  userId?: string;
  reason: ReportReason;
  details?: string;
}

/**
 * A report as its reporter sees it. A side reports a message or a conversation once: reporting it
 * again (the same person, or another member of the same garage) answers the first report.
 */
export interface ReportView {
  id: string;
  conversationId: string;
  /** Absent when the whole conversation is reported. */
  messageId?: string;
  reason: ReportReason;
  details?: string;
  createdAt: string;
}
