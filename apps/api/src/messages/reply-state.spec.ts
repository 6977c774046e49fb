import { Types } from 'mongoose';
import type { StoredMessage } from './message.schema';
import { storedMessageAt } from './testing/stored-messages';
import { awaitingAfter, repliesOfBatch } from './reply-state';

const client = new Types.ObjectId();
const garagiste = new Types.ObjectId();
const MINUTE = 60_000;
const messageAt = storedMessageAt(client, garagiste);

const awaiting = (message: StoredMessage) => ({ messageId: message._id, since: message.createdAt });

describe('awaitingAfter', () => {
  const members = (awaitingReply?: ReturnType<typeof awaiting>) => ({
    [client.toHexString()]: {
      name: 'C',
      role: 'client' as const,
      receivedCount: 0,
      readCount: 0,
      ...(awaitingReply ? { awaitingReply } : {}),
    },
  });

  it('keeps an older unanswered message when only that person wrote, and clears the other’s', () => {
    const older = messageAt(client, 0);
    const changes = awaitingAfter(
      members(awaiting(older)),
      [messageAt(client, 1), messageAt(client, 2)],
      [client, garagiste],
    );
    expect(changes.has(client.toHexString())).toBe(false);
    const first = messageAt(client, 3);
    expect(
      awaitingAfter(members(), [messageAt(client, 4), first], [client, garagiste]).get(client.toHexString()),
    ).toEqual(awaiting(first));
  });

  it('starts again after the other’s last message', () => {
    const batch = [messageAt(client, 0), messageAt(garagiste, 1), messageAt(client, 2), messageAt(client, 3)];
    const changes = awaitingAfter(members(), batch, [client, garagiste]);
    expect(changes.get(client.toHexString())).toEqual(awaiting(batch[2]));
    expect(changes.has(garagiste.toHexString())).toBe(true);
    expect(changes.get(garagiste.toHexString())).toBeUndefined();
  });

  it('leaves people’s unanswered messages alone for booking notices', () => {
    expect(
      awaitingAfter(
        members(),
        [messageAt(client, 0, 'booking-event'), messageAt(garagiste, 1, 'booking-event')],
        [client, garagiste],
      ).size,
    ).toBe(0);
  });
});

describe('repliesOfBatch', () => {
  it('opens a request on the client message and answers it with the garagiste’s next message', () => {
    const asked = messageAt(client, 0);
    const answer = messageAt(garagiste, 42);
    const replies = repliesOfBatch(undefined, [messageAt(client, 5), answer, asked], client.toHexString());
    expect(replies).toEqual({
      requests: [asked.createdAt],
      answers: [{ requestedAt: asked.createdAt, answeredAt: answer.createdAt }],
    });
  });

  it('answers a request opened before the batch, and ignores booking notices and the garagiste writing first', () => {
    const asked = messageAt(client, 0);
    const answer = messageAt(garagiste, 30);
    expect(
      repliesOfBatch(
        awaiting(asked),
        [messageAt(client, 10, 'booking-event'), messageAt(garagiste, 20, 'booking-event'), answer],
        client.toHexString(),
      ),
    ).toEqual({ requests: [], answers: [{ requestedAt: asked.createdAt, answeredAt: answer.createdAt }] });
    expect(repliesOfBatch(undefined, [messageAt(garagiste, 0)], client.toHexString())).toEqual({
      requests: [],
      answers: [],
    });
  });

  it('counts each exchange of a batch in order', () => {
    const batch = [messageAt(client, 0), messageAt(garagiste, 3), messageAt(client, 60), messageAt(garagiste, 240)];
    const replies = repliesOfBatch(undefined, batch, client.toHexString());
    expect(replies.requests).toEqual([batch[0].createdAt, batch[2].createdAt]);
    expect(replies.answers.map((a) => (a.answeredAt.getTime() - a.requestedAt.getTime()) / MINUTE)).toEqual([3, 180]);
  });
});
