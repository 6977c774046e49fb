import { Types } from 'mongoose';
import type { StoredMessage } from './message.schema';
import { storedMessageAt } from './testing/stored-messages';
import { repliesOfBatch, replyChanges } from './reply-state';

const client = new Types.ObjectId();
const garagiste = new Types.ObjectId();
const MINUTE = 60_000;
const messageAt = storedMessageAt(client, garagiste);

const awaiting = (message: StoredMessage) => ({ messageId: message._id, since: message.createdAt });

describe('replyChanges', () => {
  it('keeps an older unanswered message when only that person wrote, and clears the other’s', () => {
    const first = messageAt(client, 0);
    const changes = replyChanges([messageAt(client, 1), first]);
    expect(changes.get(client.toHexString())).toEqual({ kind: 'min', awaiting: awaiting(first) });
    expect(changes.get(garagiste.toHexString())).toEqual({ kind: 'unset' });
  });

  it('starts again after the other’s last message of the batch', () => {
    const batch = [messageAt(client, 0), messageAt(garagiste, 1), messageAt(client, 2), messageAt(client, 3)];
    const changes = replyChanges(batch);
    expect(changes.get(client.toHexString())).toEqual({ kind: 'set', awaiting: awaiting(batch[2]) });
    expect(changes.get(garagiste.toHexString())).toEqual({ kind: 'unset' });
  });

  it('leaves people’s unanswered messages alone for booking notices', () => {
    expect(replyChanges([messageAt(client, 0, 'booking-event'), messageAt(garagiste, 1, 'booking-event')]).size).toBe(
      0,
    );
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
