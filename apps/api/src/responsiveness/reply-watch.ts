import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Types } from 'mongoose';
import type { Environment } from '../config/environment';
import { DomainEvents } from '../events/domain-events';
import { ConversationRecorded } from '../messages/message-events';
import { repliesOfBatch } from '../messages/reply-state';
import { OpeningHoursService } from '../opening-hours/opening-hours.service';
import { openMsBetween } from '../opening-hours/opening-schedule';
import { addCounts, countsByDay, elapsed, type DayCounts, type ReplyTime } from './reply-days';
import { ResponsivenessStats } from './responsiveness-stats';

interface KeptCounts {
  garage: Types.ObjectId;
  day: number;
  counts: DayCounts;
}

/**
 * A listener of ConversationRecorded: counts the requests clients make to garages, and the
 * answers (whichever member gives them), from the messages a conversation's summary counted and the summary just before them
 * (whose members' unanswered messages that same update moved, exactly once): nothing is read. The counts are kept in memory and written
 * every RESPONSIVENESS_FLUSH_MS, one update per garage and day whatever the number of messages
 * since, one after the other: they never delay a message nor crowd the database's writes. A
 * stopping process writes what it kept; a killed one loses it (a statistic, never a message).
 */
@Injectable()
export class ReplyWatch implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReplyWatch.name);
  private kept = new Map<string, KeptCounts>();
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly stats: ResponsivenessStats,
    private readonly config: ConfigService<Environment, true>,
    private readonly events: DomainEvents,
    private readonly openingHours: OpeningHoursService,
  ) {}

  onModuleInit(): void {
    this.events.on(ConversationRecorded, ({ before, messages }) => this.follow(before, messages));
    this.timer = setInterval(() => void this.flush(), this.config.get('RESPONSIVENESS_FLUSH_MS', { infer: true }));
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.closing = true;
    await this.flush();
  }

  /**
   * Counts recorded messages; `before` is their conversation's summary just before they were
   * counted. A garage whose owner set its opening hours has its reply times counted in those hours
   * only (a question of Saturday evening answered on Monday at 8 h 15 waited 15 minutes).
   */
  async follow(before: ConversationRecorded['before'], messages: ConversationRecorded['messages']): Promise<void> {
    const sides = [before.firstUser, before.secondUser];
    const roles = sides.map((id) => before.members[id.toHexString()]?.role);
    const clientIndex = roles.indexOf('client');
    if (clientIndex === -1 || roles[1 - clientIndex] !== 'garagiste') return;
    const client = sides[clientIndex].toHexString();
    const garage = new Types.ObjectId(sides[1 - clientIndex]);
    const replies = repliesOfBatch(before.members[client]?.awaitingReply, messages, client);
    if (replies.requests.length === 0 && replies.answers.length === 0) return;
    const replyTime = replies.answers.length > 0 ? await this.replyTimeOf(garage) : elapsed;
    for (const [day, counts] of countsByDay(replies, replyTime)) this.keep(garage, day, counts);
    // Sends that finish while the process stops are counted at once: no later write would take them.
    if (this.closing && this.kept.size > 0) void this.flush();
  }

  /** Writes the counts kept so far; resolves once they are written. */
  flush(): Promise<void> {
    const kept = this.kept;
    this.kept = new Map();
    this.writing = this.writing.then(() => this.write(kept));
    return this.writing;
  }

  /** The garage's opening hours, when its owner set them; all the time otherwise. */
  private async replyTimeOf(garage: Types.ObjectId): Promise<ReplyTime> {
    const { schedule, custom } = await this.openingHours.scheduleOf(garage.toHexString());
    return custom ? (requestedAt, answeredAt) => openMsBetween(schedule, requestedAt, answeredAt) : elapsed;
  }

  private keep(garage: Types.ObjectId, day: number, counts: DayCounts): void {
    const key = `${garage.toHexString()}:${day}`;
    const sum = this.kept.get(key);
    this.kept.set(key, { garage, day, counts: sum ? addCounts(sum.counts, counts) : counts });
  }

  private async write(kept: Map<string, KeptCounts>): Promise<void> {
    for (const { garage, day, counts } of kept.values()) {
      try {
        await this.stats.add(garage, day, counts);
      } catch (error) {
        this.logger.warn(`responsiveness of ${garage.toHexString()} for day ${day} not written: ${String(error)}`);
      }
    }
  }
}
