import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import {
  DEFAULT_VAT_RATE_BASIS_POINTS,
  DELETED_ACCOUNT_NAME,
  ERROR_CODES,
  quoteLineAmounts,
  sumQuoteAmounts,
  type AttachmentView,
  type DecideQuoteRequest,
  type MessageView,
  type QuoteLine,
  type QuoteLineDecisionEntry,
  type QuoteStatus,
  type QuoteView,
  type SendQuoteRequest,
} from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { AppointmentsService } from '../appointments/appointments.service';
import { AttachmentLinks } from '../attachments/attachment-links';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../auth/auth-user';
import { ContactBlocks } from '../blocks/contact-blocks';
import { badRequest, conflict, notFound } from '../common/app-exception';
import type { Environment } from '../config/environment';
import { GaragesService } from '../garages/garages.service';
import { SendPipeline } from '../messages/send-pipeline';
import { renderQuotePdf } from './quote-pdf';
import { quoteDecisionText, quoteText } from './quote-text';
import { Quote, type StoredQuote, type StoredQuoteLine } from './quote.schema';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How the PDF of a quote that no longer takes answers says so. */
const CLOSED_AS = { superseded: 'Remplacé par une nouvelle version', expired: 'Expiré' } as const;
/** Concurrent decisions on one quote (two tabs) each retry on the revision the other wrote. */
const MAX_DECISION_ATTEMPTS = 5;

/**
 * Quotes (devis): a member of the garage sends one about a booking as a message of kind 'quote'
 * through the send pipeline (who may write, idempotent insert, acknowledgement, MessageRecorded:
 * the same history, `new-message`, badges, e-mails and pushes as any message); the client answers
 * its lines, each decision a notice in the thread written on the same path. Amounts are computed
 * here, by quote-money.ts, never taken from the request.
 */
@Injectable()
export class QuotesService {
  constructor(
    @InjectModel(Quote.name) private readonly quotes: Model<Quote>,
    private readonly appointments: AppointmentsService,
    private readonly pipeline: SendPipeline,
    private readonly garages: GaragesService,
    private readonly attachments: AttachmentsService,
    private readonly links: AttachmentLinks,
    private readonly config: ConfigService<Environment, true>,
    private readonly contactBlocks: ContactBlocks,
  ) {}

  /**
   * The quote's record (and the version it replaces marked replaced) is written before its message
   * is sent, so that whoever sees the message can read the quote at once; a retry with the same
   * clientMessageId finds that record and sends the same quote, which the pipeline answers with
   * the message stored the first time. A send the pipeline refuses takes both writes back.
   */
  async send(member: AuthUser, request: SendQuoteRequest): Promise<MessageView> {
    const appointment = await this.appointments.find(new Types.ObjectId(request.appointmentId));
    if (!appointment || !member.garageId || appointment.garageId !== member.garageId) {
      throw notFound('No booking of your garage has this id.');
    }
    const author = new Types.ObjectId(member.id);
    const earlier = request.clientMessageId
      ? await this.quotes.findOne({ author, clientMessageId: request.clientMessageId }).lean<StoredQuote>().exec()
      : null;
    const quoteId = earlier?._id ?? new Types.ObjectId();
    const previous = request.supersedesQuoteId
      ? await this.currentVersion(request.supersedesQuoteId, member, quoteId)
      : null;
    if (previous && !previous.appointment.equals(appointment.id)) {
      throw badRequest('A new version of a quote is about the same booking.');
    }
    const lines: QuoteLine[] = request.lines.map((line) => {
      const priced = { ...line, vatRateBasisPoints: line.vatRateBasisPoints ?? DEFAULT_VAT_RATE_BASIS_POINTS };
      return { ...priced, ...quoteLineAmounts(priced) };
    });
    const totals = sumQuoteAmounts(lines);
    const version = previous ? previous.version + 1 : 1;
    const sentAt = new Date();
    const expiresAt = new Date(sentAt.getTime() + this.config.get('QUOTE_VALIDITY_DAYS', { infer: true }) * DAY_MS);
    const created = earlier
      ? false
      : await this.record({
          _id: quoteId,
          appointment: new Types.ObjectId(appointment.id),
          client: new Types.ObjectId(appointment.clientId),
          garage: new Types.ObjectId(member.garageId),
          author,
          ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
          version,
          ...(appointment.vehicle ? { vehicle: appointment.vehicle } : {}),
          ...(previous ? { supersedes: previous._id } : {}),
          lines: lines.map((line): StoredQuoteLine => ({ ...line, decision: 'pending' })),
          totals,
          sentAt,
          expiresAt,
          revision: 0,
        });
    let message: MessageView;
    try {
      message = await this.pipeline.send(
        member,
        {
          recipientId: appointment.clientId,
          content: quoteText(version, lines.length, totals, expiresAt),
          appointmentId: appointment.id,
          ...(request.clientMessageId ? { clientMessageId: request.clientMessageId } : {}),
        },
        undefined,
        {
          kind: 'quote',
          quote: {
            quoteId: quoteId.toHexString(),
            version,
            ...(appointment.vehicle ? { vehicle: appointment.vehicle } : {}),
            ...(previous ? { supersedesQuoteId: previous._id.toHexString() } : {}),
            lines,
            totals,
            expiresAt,
          },
        },
      );
    } catch (error) {
      if (created) await this.forget(quoteId, previous?._id);
      throw error;
    }
    const sent = new Types.ObjectId(message.quote?.quoteId ?? quoteId);
    await this.quotes
      .updateOne(
        { _id: sent },
        { $set: { message: new Types.ObjectId(message.id), sentAt: new Date(message.createdAt) } },
      )
      .exec();
    return message;
  }

  async get(user: AuthUser, quoteId: string): Promise<QuoteView> {
    return QuotesService.toView(await this.visible(quoteId, user));
  }

  /**
   * The quote as a PDF, through a signed link as an attachment's: written once for each state of
   * the quote (its answers, replaced or expired), by whoever asks first (client or member), and kept
   * in the attachment storage, one per quote: the PDF of the state before goes when the next is
   * written, and the last goes with the quote's message (deleted, purged, or its author's account
   * erased), as a message's files do.
   */
  async document(user: AuthUser, quoteId: string): Promise<AttachmentView> {
    const quote = await this.visible(quoteId, user);
    if (!quote.message) throw notFound('This quote is not sent yet.');
    const status = QuotesService.statusOf(quote);
    // What the PDF shows: the answers (the revision), and whether the quote still takes them.
    const state = `${quote.revision}:${status}`;
    // Written again when its author's account was erased since (their files went with it).
    if (quote.document?.state === state && (await this.attachments.isStored(quote.document.attachment.id))) {
      return this.links.view(quote.document.attachment);
    }
    const [appointment, garage] = await Promise.all([
      this.appointments.find(quote.appointment),
      this.garages.get(quote.garage.toHexString()),
    ]);
    const data = await renderQuotePdf({
      garage: { name: garage.name, address: garage.address, city: garage.city },
      clientName: appointment?.clientName ?? DELETED_ACCOUNT_NAME,
      service: appointment?.service ?? '',
      ...(quote.vehicle ? { vehicle: quote.vehicle } : {}),
      version: quote.version,
      sentAt: quote.sentAt,
      expiresAt: quote.expiresAt,
      lines: quote.lines,
      totals: quote.totals,
      approved: QuotesService.approvedOf(quote),
      ...(quote.decidedAt ? { decidedAt: quote.decidedAt } : {}),
      ...(status === 'superseded' || status === 'expired' ? { closedAs: CLOSED_AS[status] } : {}),
    });
    const attachment = await this.attachments.storeDocument({
      owner: quote.author,
      recipient: quote.client,
      ownerGarage: quote.garage,
      message: quote.message,
      name: `devis-v${quote.version}-${quoteId}.pdf`,
      data,
    });
    const previous = quote.document?.attachment;
    // Over the PDF read only: of two requests writing the same state, one PDF is kept.
    const written = await this.quotes
      .updateOne(
        { _id: quote._id, 'document.attachment.id': previous ? previous.id : { $exists: false } },
        { $set: { document: { attachment, state } } },
      )
      .exec();
    if (written.modifiedCount === 0) {
      await this.attachments.discardDocument(attachment.id);
      return this.document(user, quoteId);
    }
    if (previous) await this.attachments.discardDocument(previous.id);
    return this.links.view(attachment);
  }

  async decide(client: AuthUser, quoteId: string, request: DecideQuoteRequest): Promise<QuoteView> {
    for (let attempt = 1; ; attempt += 1) {
      // Visible to a client only when it is theirs; the route admits clients only.
      const quote = await this.visible(quoteId, client);
      // An answer is a notice to the garage: not while either side blocks the other (a quote itself
      // is a message, refused by the send pipeline's admission).
      await this.contactBlocks.assertOpen(
        { clientId: client.id, garageId: quote.garage.toHexString() },
        'client',
        'message',
      );
      const decisions = QuotesService.decisionsOn(quote, request);
      const decidedAt = new Date();
      const lines = quote.lines.map((line, index) =>
        decisions.some((entry) => entry.lineIndex === index)
          ? { ...line, decision: request.decision, decidedAt }
          : line,
      );
      const written = await this.quotes
        .updateOne(
          { _id: quote._id, revision: quote.revision, supersededBy: { $exists: false } },
          { $set: { lines, decidedAt, revision: quote.revision + 1 } },
        )
        .exec();
      if (written.modifiedCount === 1) {
        const decided = { ...quote, lines, decidedAt, revision: quote.revision + 1 };
        await this.announce(decided, decisions);
        return QuotesService.toView(decided);
      }
      if (attempt === MAX_DECISION_ATTEMPTS) {
        throw conflict(ERROR_CODES.CONFLICT, 'The quote changed while you answered it: try again.');
      }
    }
  }

  /** Writes a new quote's record, then marks the version it replaces; false when the quote was recorded already. */
  private async record(quote: Omit<StoredQuote, 'message'>): Promise<boolean> {
    const written = await this.quotes.updateOne({ _id: quote._id }, { $setOnInsert: quote }, { upsert: true }).exec();
    if (quote.supersedes) {
      const marked = await this.quotes
        .updateOne({ _id: quote.supersedes, supersededBy: { $exists: false } }, { $set: { supersededBy: quote._id } })
        .exec();
      if (marked.modifiedCount === 0) {
        await this.quotes.deleteOne({ _id: quote._id }).exec();
        throw conflict(ERROR_CODES.QUOTE_SUPERSEDED, 'Ce devis a déjà été remplacé par une nouvelle version.');
      }
    }
    return written.upsertedCount === 1;
  }

  /** Takes back the record of a quote whose message was refused, and the replacement it marked. */
  private async forget(quoteId: Types.ObjectId, replaced?: Types.ObjectId): Promise<void> {
    await this.quotes.deleteOne({ _id: quoteId, message: { $exists: false } }).exec();
    if (replaced) {
      await this.quotes.updateOne({ _id: replaced, supersededBy: quoteId }, { $unset: { supersededBy: '' } }).exec();
    }
  }

  /** The quote a new version replaces: the garage's, and not replaced yet (but by this one, on a retry). */
  private async currentVersion(quoteId: string, member: AuthUser, by: Types.ObjectId): Promise<StoredQuote> {
    const quote = await this.visible(quoteId, member);
    if (quote.supersededBy && !quote.supersededBy.equals(by)) {
      throw conflict(ERROR_CODES.QUOTE_SUPERSEDED, 'Ce devis a déjà été remplacé par une nouvelle version.');
    }
    return quote;
  }

  /** The quote, if the user is its client or a member of its garage; 404 otherwise, as if it did not exist. */
  private async visible(quoteId: string, user: AuthUser): Promise<StoredQuote> {
    const quote = await this.quotes.findById(quoteId).lean<StoredQuote>().exec();
    const involved =
      quote &&
      (user.role === 'client' ? quote.client.equals(user.id) : !!user.garageId && quote.garage.equals(user.garageId));
    if (!quote || !involved) throw notFound('No quote of yours has this id.');
    return quote;
  }

  /** The lines a decision answers, once the quote may take it. */
  private static decisionsOn(quote: StoredQuote, request: DecideQuoteRequest): QuoteLineDecisionEntry[] {
    if (quote.supersededBy) {
      throw conflict(
        ERROR_CODES.QUOTE_SUPERSEDED,
        'Ce devis a été remplacé par une nouvelle version : répondez à celle-ci.',
      );
    }
    if (quote.expiresAt.getTime() <= Date.now()) {
      throw conflict(ERROR_CODES.QUOTE_EXPIRED, 'Ce devis a expiré : demandez-en un nouveau au garage.');
    }
    const pending = quote.lines.flatMap((line, index) => (line.decision === 'pending' ? [index] : []));
    const indexes = request.lineIndexes ?? pending;
    if (indexes.some((index) => index >= quote.lines.length)) {
      throw badRequest(`lineIndexes must name lines of the quote (0 to ${quote.lines.length - 1}).`);
    }
    if (indexes.length === 0 || indexes.some((index) => !pending.includes(index))) {
      throw conflict(ERROR_CODES.QUOTE_LINE_DECIDED, 'Vous avez déjà répondu à cette ligne du devis.');
    }
    return indexes.map((lineIndex) => ({ lineIndex, decision: request.decision }));
  }

  /** The booking's approved amount, then the notice in the thread, from the client, unread for the garage. */
  private async announce(quote: StoredQuote, decisions: QuoteLineDecisionEntry[]): Promise<void> {
    const approved = QuotesService.approvedOf(quote);
    const pendingLines = quote.lines.filter((line) => line.decision === 'pending').length;
    const quoteId = quote._id.toHexString();
    await this.appointments.recordApprovedQuote(quote.appointment.toHexString(), {
      quoteId,
      version: quote.version,
      approved,
    });
    await this.pipeline.sendEvent({
      kind: 'quote-decision',
      senderId: quote.client.toHexString(),
      from: 'client',
      clientId: quote.client.toHexString(),
      garageId: quote.garage.toHexString(),
      content: quoteDecisionText(quote.version, decisions, approved, pendingLines),
      appointmentId: quote.appointment.toHexString(),
      quoteDecision: { quoteId, version: quote.version, decisions, approved, pendingLines },
      idempotencyKey: `quote-decision:${quoteId}:${quote.revision}`,
    });
  }

  private static approvedOf(quote: StoredQuote) {
    return sumQuoteAmounts(quote.lines.filter((line) => line.decision === 'approved'));
  }

  private static statusOf(quote: StoredQuote): QuoteStatus {
    if (quote.supersededBy) return 'superseded';
    if (quote.lines.every((line) => line.decision !== 'pending')) return 'decided';
    return quote.expiresAt.getTime() <= Date.now() ? 'expired' : 'open';
  }

  private static toView(quote: StoredQuote): QuoteView {
    return {
      id: quote._id.toHexString(),
      version: quote.version,
      ...(quote.message ? { messageId: quote.message.toHexString() } : {}),
      appointmentId: quote.appointment.toHexString(),
      clientId: quote.client.toHexString(),
      garageId: quote.garage.toHexString(),
      ...(quote.supersedes ? { supersedesQuoteId: quote.supersedes.toHexString() } : {}),
      ...(quote.supersededBy ? { supersededByQuoteId: quote.supersededBy.toHexString() } : {}),
      status: QuotesService.statusOf(quote),
      lines: quote.lines.map(({ decidedAt, ...line }) => ({
        ...line,
        ...(decidedAt ? { decidedAt: new Date(decidedAt).toISOString() } : {}),
      })),
      totals: quote.totals,
      approved: QuotesService.approvedOf(quote),
      sentAt: quote.sentAt.toISOString(),
      expiresAt: quote.expiresAt.toISOString(),
      ...(quote.decidedAt ? { decidedAt: quote.decidedAt.toISOString() } : {}),
    };
  }
}
