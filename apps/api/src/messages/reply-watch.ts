import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Types } from 'mongoose';
import { addCounts, answerCounts, dayOf, requestCounts, type DayCounts } from '../responsiveness/reply-days';
import { ResponsivenessStats } from '../responsiveness/responsiveness-stats';
import type { Conversation } from './conversation.schema';
import type { StoredMessage } from './message.schema';
import { repliesOfBatch } from './reply-state';

/**
 * Counts the requests clients make to garagistes, and the answers, from each recorded batch and
 * the conversation as it was just before it (whose members' unanswered messages the batch's own
 * update moved, see BatchRecording): one update of the garagiste's counts per day touched, never
 * a read. It runs after the messages are acknowledged and delivered, so it never delays one; a
 * stopping process waits for the counts under way.
 */
@Injectable()
export class ReplyWatch implements OnApplicationShutdown {
  private readonly logger = new Logger(ReplyWatch.name);
  private readonly underWay = new Set<Promise<void>>();

  constructor(private readonly stats: ResponsivenessStats) {}

  /** Counts the batch in the background. */
  follow(before: Conversation, messages: readonly StoredMessage[]): void {
    const counting = this.count(before, messages).catch((error: unknown) =>
      this.logger.warn(`responsiveness not counted: ${String(error)}`),
    );
    this.underWay.add(counting);
    void counting.finally(() => this.underWay.delete(counting));
  }

  /** Resolves once the counts started so far are written. */
  async idle(): Promise<void> {
    await Promise.all([...this.underWay]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.idle();
  }

  private async count(before: Conversation, messages: readonly StoredMessage[]): Promise<void> {
    const roles = [before.firstUser, before.secondUser].map((id) => before.members[id.toHexString()]?.role);
    const clientIndex = roles.indexOf('client');
    if (clientIndex === -1 || roles[1 - clientIndex] !== 'garagiste') return;
    const client = [before.firstUser, before.secondUser][clientIndex].toHexString();
    const garagiste = new Types.ObjectId([before.firstUser, before.secondUser][1 - clientIndex]);
    const { requests, answers } = repliesOfBatch(before.members[client]?.awaitingReply, messages, client);
    const byDay = new Map<number, DayCounts>();
    const add = (requestedAt: Date, counts: DayCounts) => {
      const day = dayOf(requestedAt);
      const sum = byDay.get(day);
      byDay.set(day, sum ? addCounts(sum, counts) : counts);
    };
    for (const requestedAt of requests) add(requestedAt, requestCounts());
    for (const { requestedAt, answeredAt } of answers) add(requestedAt, answerCounts(requestedAt, answeredAt));
    for (const [day, counts] of byDay) await this.stats.add(garagiste, day, counts);
  }
}
