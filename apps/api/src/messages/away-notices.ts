import { Injectable, type OnModuleInit } from '@nestjs/common';
import { memoryCache } from '../common/memory-cache';
import { DomainEvents } from '../events/domain-events';
import { OpeningHoursService } from '../opening-hours/opening-hours.service';
import { isOpenAt, nextOpening } from '../opening-hours/opening-schedule';
import { awayNoticeText } from './away-notice';
import { MessageRecorded, type RecordedMessage } from './message-events';
import { SendPipeline } from './send-pipeline';

/** Closed periods already answered by this process, so that a chatty client costs no insert per message. */
const ANSWERED_CACHE_SIZE = 10_000;

/**
 * A listener of MessageRecorded: a client's message to a garage while it is closed (by the hours
 * its owner set; none while it keeps the default ones) gets one automatic notice per closed
 * period, written on the send path by the garage itself (its id is the notice's sender). The
 * closed period is named by the moment the garage opens again: the notice's idempotency key
 * (`away:<client>:<reopening>`) is unique with its sender, so two replicas answering the same
 * period store it once, and only the one that stored it delivers it.
 */
@Injectable()
export class AwayNotices implements OnModuleInit {
  private readonly answered = memoryCache<string, true>({ max: ANSWERED_CACHE_SIZE });

  constructor(
    private readonly events: DomainEvents,
    private readonly pipeline: SendPipeline,
    private readonly openingHours: OpeningHoursService,
  ) {}

  onModuleInit(): void {
    this.events.on(MessageRecorded, ({ message }) => this.answer(message));
  }

  private async answer(message: RecordedMessage): Promise<void> {
    // The client's messages are the ones written to the garage itself.
    if (message.kind !== undefined || !message.garage?.equals(message.recipient)) return;
    const garageId = message.garage.toHexString();
    const { schedule, custom } = await this.openingHours.scheduleOf(garageId);
    if (!custom || isOpenAt(schedule, message.createdAt)) return;
    const reopensAt = nextOpening(schedule, message.createdAt);
    const clientId = message.sender.toHexString();
    const idempotencyKey = `away:${clientId}:${reopensAt?.toISOString() ?? 'closed'}`;
    if (this.answered.has(idempotencyKey)) return;
    await this.pipeline.sendEvent({
      kind: 'away-notice',
      senderId: garageId,
      from: 'garage',
      clientId,
      garageId,
      content: awayNoticeText(reopensAt, message.createdAt),
      idempotencyKey,
      awayNotice: reopensAt ? { reopensAt } : {},
    });
    this.answered.set(idempotencyKey, true);
  }
}
