import { Injectable, Logger } from '@nestjs/common';
import type { Types } from 'mongoose';
import { KeyedSerialQueue } from '../common/keyed-serial-queue';
import { retryTransient } from '../database/transient-retry';
import { addCounts, answerCounts, dayOf, requestCounts, type DayCounts } from '../responsiveness/reply-days';
import { ResponsivenessStats } from '../responsiveness/responsiveness-stats';
import type { Conversation } from './conversation.schema';
import { ConversationsService } from './conversations.service';
import type { StoredMessage } from './message.schema';
import { followReplies, type ReplyState } from './reply-state';

/** Compare-and-set attempts before a batch's requests and answers are given up (replicas racing on one conversation). */
const ATTEMPTS = 3;

/**
 * Counts the requests clients make to garagistes and the answers, as messages are recorded: per
 * batch of a conversation, at most one conditional update of the conversation and one update per
 * day touched of the garagiste's counts, whatever the history (nothing is read from the messages).
 * It runs after the messages are acknowledged and delivered, so it never delays a message; counts
 * of a process that stops in between are lost, which moves a statistic, never a message. Two
 * replicas recording a request and its answer within the same few milliseconds may miss that one
 * answer (the answer's replica can read the conversation before the request is counted).
 */
@Injectable()
export class ReplyWatch {
  private readonly logger = new Logger(ReplyWatch.name);
  private readonly byConversation = new KeyedSerialQueue();

  constructor(
    private readonly conversations: ConversationsService,
    private readonly stats: ResponsivenessStats,
  ) {}

  /** `conversation` as the recording of `messages` left it; resolves once counted (tests wait on it). */
  follow(conversation: Conversation, messages: readonly StoredMessage[]): Promise<void> {
    const people = ReplyWatch.clientAndGaragiste(conversation);
    if (!people) return Promise.resolve();
    const key = conversation._id.toHexString();
    // An earlier batch's count still to come may change the state after `conversation` was read:
    // then the state is read again once it is done, or this batch could miss the request it answers.
    const outdated = this.byConversation.isBusy(key);
    return this.byConversation
      .run(key, () => this.count(conversation, messages, people, outdated))
      .catch((error: unknown) => this.logger.warn(`responsiveness not counted: ${String(error)}`));
  }

  private async count(
    conversation: Conversation,
    messages: readonly StoredMessage[],
    people: { client: string; garagiste: Types.ObjectId },
    outdated: boolean,
  ): Promise<void> {
    let state: ReplyState = outdated
      ? await this.conversations.replyStateOf(conversation._id)
      : { awaitingReply: conversation.awaitingReply, lastReplyId: conversation.lastReplyId };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const progress = followReplies(state, messages, people.client);
      if (!progress.changed) return;
      const from = state;
      if (await retryTransient(() => this.conversations.advanceReplyState(conversation._id, from, progress.state))) {
        const byDay = new Map<number, DayCounts>();
        const add = (at: Date, counts: DayCounts) => {
          const day = dayOf(at);
          const sum = byDay.get(day);
          byDay.set(day, sum ? addCounts(sum, counts) : counts);
        };
        for (const requestedAt of progress.requests) add(requestedAt, requestCounts());
        for (const { requestedAt, answeredAt } of progress.answers)
          add(requestedAt, answerCounts(requestedAt, answeredAt));
        for (const [day, counts] of byDay) await this.stats.add(people.garagiste, day, counts);
        return;
      }
      state = await this.conversations.replyStateOf(conversation._id);
    }
    this.logger.warn(
      `responsiveness of conversation ${conversation._id.toHexString()} kept changing; batch not counted`,
    );
  }

  private static clientAndGaragiste(conversation: Conversation): { client: string; garagiste: Types.ObjectId } | null {
    const first = conversation.members[conversation.firstUser.toHexString()]?.role;
    const second = conversation.members[conversation.secondUser.toHexString()]?.role;
    if (first === 'client' && second === 'garagiste') {
      return { client: conversation.firstUser.toHexString(), garagiste: conversation.secondUser };
    }
    if (first === 'garagiste' && second === 'client') {
      return { client: conversation.secondUser.toHexString(), garagiste: conversation.firstUser };
    }
    return null;
  }
}
