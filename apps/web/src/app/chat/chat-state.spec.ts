import { fromPeer, peerOf } from './chat-state';

describe('the thread a message belongs to', () => {
  const garage = 'g1';
  const client = 'client';
  const marc = 'marc';
  const lea = 'lea';
  const fromClient = { senderId: client, recipientId: garage, garageId: garage };
  const fromLea = { senderId: lea, recipientId: client, garageId: garage };
  const awayNotice = { senderId: garage, recipientId: client, garageId: garage };

  it('is the garage’s to its client, whichever member wrote', () => {
    for (const message of [fromClient, fromLea, awayNotice]) expect(peerOf(message, [client])).toBe(garage);
  });

  it('is the client’s to every member of the garage, a colleague’s message included', () => {
    for (const message of [fromClient, fromLea, awayNotice]) expect(peerOf(message, [marc, garage])).toBe(client);
  });

  it('is the other person’s between two people', () => {
    expect(peerOf({ senderId: 'a', recipientId: 'b' }, ['a'])).toBe('b');
    expect(peerOf({ senderId: 'a', recipientId: 'b' }, ['b'])).toBe('a');
  });

  it('tells the other side’s messages from my side’s', () => {
    expect([fromClient, fromLea, awayNotice].map((message) => fromPeer(message, client))).toEqual([true, false, false]);
    expect([fromClient, fromLea, awayNotice].map((message) => fromPeer(message, garage))).toEqual([false, true, true]);
  });
});
