import { Injectable, type OnModuleInit } from '@nestjs/common';
import { memoryCache } from '../common/memory-cache';
import { DomainEvents } from '../events/domain-events';
import { OpeningHoursService } from '../opening-hours/opening-hours.service';
import { isOpenAt, nextOpening } from '../opening-hours/opening-schedule';
import { UsersService } from '../users/users.service';
import { awayNoticeText } from './away-notice';
import { MessageRecorded, type RecordedMessage } from './message-events';
import { SendPipeline } from './send-pipeline';

/** Closed periods already answered by this process, so that a chatty client costs no insert per message. */
const ANSWERED_CACHE_SIZE = 10_000;

/**
 * A listener of MessageRecorded: a client's message to a garagiste while the garage is closed (by
 * the hours its owner set; none while it keeps the default ones) gets one automatic notice per
 * closed period, written on the send path by the garagiste's account. The closed period is named by
 * the moment the garage opens again: the notice's idempotency key (`away:<client>:<reopening>`) is
 * unique with its sender, so two replicas answering the same period store it once, and only the
 * one that stored it delivers it.
 */
@Injectable()
export class AwayNotices implements OnModuleInit {
  private readonly answered = memoryCache<string, true>({ max: ANSWERED_CACHE_SIZE });

  constructor(
    private readonly events: DomainEvents,
    private readonly pipeline: SendPipeline,
    private readonly users: UsersService,
    private readonly openingHours: OpeningHoursService,
  ) {}

  onModuleInit(): void {
    this.events.on(MessageRecorded, ({ message }) => this.answer(message));
  }

  private async answer(message: RecordedMessage): Promise<void> {
    if (message.kind !== undefined) return;
    const [sender, recipient] = await Promise.all([
      this.users.profile(message.sender),
      this.users.profile(message.recipient),
    ]);
    if (sender?.role !== 'client' || recipient?.role !== 'garagiste' || !recipient.garageId) return;
    const { schedule, custom } = await this.openingHours.scheduleOf(recipient.garageId);
    if (!custom || isOpenAt(schedule, message.createdAt)) return;
    const reopensAt = nextOpening(schedule, message.createdAt);
    const idempotencyKey = `away:${sender.id}:${reopensAt?.toISOString() ?? 'closed'}`;
    if (this.answered.has(idempotencyKey)) return;
    await this.pipeline.sendEvent({
      kind: 'away-notice',
      senderId: recipient.id,
      recipientId: sender.id,
      content: awayNoticeText(reopensAt, message.createdAt),
      idempotencyKey,
      awayNotice: reopensAt ? { reopensAt } : {},
    });
    this.answered.set(idempotencyKey, true);
  }
}
