import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { GroupCommit, type BatchOutcome } from '../common/group-commit';
import type { Environment } from '../config/environment';
import { GaragesService } from '../garages/garages.service';
import { UsersService, type UnreadCount } from '../users/users.service';

/**
 * Badge changes written together at most. The embedded database (FerretDB 1.24) holds one of its
 * 100 SQLite connections per statement of an `update` command until the command ends, and waits
 * for ever past 100 (tools/db/patches/0005 fixes it there): a batch stays well below.
 */
const MAX_BATCH_SIZE = 50;

type BadgeChange = ({ kind: 'person' } & UnreadCount) | { kind: 'garage'; garageId: string; added: number };

/**
 * The unread badges that recordings move: a person's count in one conversation (copied whole
 * from the conversation), a garage's received total (raised). Changes submitted within
 * BADGE_LINGER_MS of each other, or while a write is on its way, go out together: one
 * `bulkWrite` per collection, which answers no document (nobody reads a badge back on the send
 * path: the recipient's tabs add the conversation's unread change to their total). Within a
 * batch a person's later count of one conversation replaces an earlier one and a garage's raises
 * add up; batches are written one after the other, so a count never lands before an older one
 * of the same conversation.
 */
@Injectable()
export class UnreadBadges {
  private readonly batches: GroupCommit<BadgeChange, void>;

  constructor(
    private readonly users: UsersService,
    private readonly garages: GaragesService,
    config: ConfigService<Environment, true>,
  ) {
    this.batches = new GroupCommit((changes) => this.write(changes), {
      maxBatchSize: MAX_BATCH_SIZE,
      lingerMs: config.get('BADGE_LINGER_MS', { infer: true }),
    });
  }

  /** Resolves once the person's count of that conversation is written. */
  setUnread(userId: string, conversationId: string, count: number): Promise<void> {
    return this.batches.submit({ kind: 'person', userId, conversationId, count });
  }

  /** Resolves once the garage's received total is raised by `added`. */
  addReceived(garageId: string, added: number): Promise<void> {
    return this.batches.submit({ kind: 'garage', garageId, added });
  }

  private async write(changes: BadgeChange[]): Promise<BatchOutcome<void>[]> {
    const counts = new Map<string, UnreadCount>();
    const received = new Map<string, number>();
    for (const change of changes) {
      if (change.kind === 'person') {
        const { userId, conversationId, count } = change;
        counts.set(`${userId}:${conversationId}`, { userId, conversationId, count });
      } else {
        received.set(change.garageId, (received.get(change.garageId) ?? 0) + change.added);
      }
    }
    const [people, garages] = await Promise.allSettled([
      this.users.setUnreadCounts([...counts.values()]),
      this.garages.addReceivedCounts(received),
    ]);
    return changes.map((change) => {
      const written = change.kind === 'person' ? people : garages;
      return written.status === 'fulfilled' ? { ok: true, value: undefined } : { ok: false, error: written.reason };
    });
  }
}
