import { Types } from 'mongoose';
import type { StoredMessage } from './message.schema';
import { followReplies } from './reply-state';

const client = new Types.ObjectId();
const garagiste = new Types.ObjectId();
const start = Date.parse('2026-11-02T08:00:00Z');
const MINUTE = 60_000;

/** A message sent `minutes` after the start, its id from the same time as the API makes them. */
function message(from: Types.ObjectId, minutes: number, kind?: 'booking-event'): StoredMessage {
  const createdAt = new Date(start + minutes * MINUTE);
  const hex = Math.floor(createdAt.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return {
    _id: new Types.ObjectId(`${hex}${(minutes * 1000).toString(16).padStart(16, '0')}`),
    conversation: new Types.ObjectId(),
    sender: from,
    recipient: from === client ? garagiste : client,
    content: 'x',
    idempotencyKey: `k${minutes}`,
    createdAt,
    ...(kind ? { kind } : {}),
  } as StoredMessage;
}

describe('followReplies', () => {
  it('opens a request on the client message and answers it with the garagiste’s next message', () => {
    const asked = message(client, 0);
    const again = message(client, 5);
    const answer = message(garagiste, 42);
    const progress = followReplies({}, [again, answer, asked], client.toHexString());
    expect(progress.changed).toBe(true);
    expect(progress.requests).toEqual([asked.createdAt]);
    expect(progress.answers).toEqual([{ requestedAt: asked.createdAt, answeredAt: answer.createdAt }]);
    expect(progress.state).toEqual({ lastReplyId: answer._id });
  });

  it('ignores booking notices, the garagiste writing first, and changes nothing then', () => {
    const progress = followReplies(
      {},
      [message(garagiste, 0), message(client, 1, 'booking-event'), message(garagiste, 2, 'booking-event')],
      client.toHexString(),
    );
    expect(progress).toEqual({ state: {}, changed: false, requests: [], answers: [] });
  });

  it('does not reopen a request for a client message older than an answer already counted', () => {
    const answer = message(garagiste, 10);
    const crossed = message(client, 9);
    const progress = followReplies({ lastReplyId: answer._id }, [crossed], client.toHexString());
    expect(progress.changed).toBe(false);
  });

  it('does not count a garagiste message older than the request as its answer', () => {
    const asked = message(client, 10);
    const progress = followReplies(
      { awaitingReply: { messageId: asked._id, since: asked.createdAt } },
      [message(garagiste, 9)],
      client.toHexString(),
    );
    expect(progress.changed).toBe(false);
    expect(progress.answers).toEqual([]);
  });

  it('counts each exchange of a batch in order', () => {
    const messages = [message(client, 0), message(garagiste, 3), message(client, 60), message(garagiste, 240)];
    const progress = followReplies({}, messages, client.toHexString());
    expect(progress.requests).toHaveLength(2);
    expect(progress.answers.map((a) => (a.answeredAt.getTime() - a.requestedAt.getTime()) / MINUTE)).toEqual([3, 180]);
    expect(progress.state).toEqual({ lastReplyId: messages[3]._id });
  });
});
