import type { MessageView } from '@promoto/shared-dto';
import { Delivery } from './delivery';

const message = (id: string): MessageView => ({
  id,
  conversationId: '6b07bd0e44ecb3a1dc995530',
  senderId: '6b07bd0e44ecb3a1dc995520',
  recipientId: '6b07bd0e44ecb3a1dc99551e',
  content: `message ${id}`,
  createdAt: '2026-12-09T16:05:31.000Z',
});
const ids = (messages: MessageView[]) => messages.map((m) => m.id.slice(-2));

describe('the delivery of received messages', () => {
  let delivered: MessageView[];
  let delivery: Delivery;

  beforeEach(() => {
    delivered = [];
    delivery = new Delivery((m) => delivered.push(m));
  });

  it('delivers each message once, and keeps the newest id as the watermark', () => {
    delivery.received(message('6b07bd0e44ecb3a1dc995501'));
    delivery.received(message('6b07bd0e44ecb3a1dc995502'));
    delivery.received(message('6b07bd0e44ecb3a1dc995501'));
    expect(ids(delivered)).toEqual(['01', '02']);
    expect(delivery.watermark).toBe('6b07bd0e44ecb3a1dc995502');
  });

  it('holds live messages during a catch-up, then delivers all in id order, without the doubles', () => {
    delivery.received(message('6b07bd0e44ecb3a1dc995501'));
    delivery.catchingUp();
    delivery.received(message('6b07bd0e44ecb3a1dc995505'));
    expect(ids(delivered)).toEqual(['01']);
    delivery.caughtUp([
      message('6b07bd0e44ecb3a1dc995501'),
      message('6b07bd0e44ecb3a1dc995503'),
      message('6b07bd0e44ecb3a1dc995504'),
      message('6b07bd0e44ecb3a1dc995505'),
    ]);
    expect(ids(delivered)).toEqual(['01', '03', '04', '05']);
  });

  it('never delivers what this client sent, even when it comes back before its acknowledgement', () => {
    const mine = { ...message('6b07bd0e44ecb3a1dc995509'), clientMessageId: 'mine-1' };
    delivery.sendStarted('mine-1');
    delivery.received(mine);
    delivery.sendSettled('mine-1', mine);
    delivery.received(mine);
    delivery.sendStarted('mine-2');
    delivery.sendSettled('mine-2', { ...message('6b07bd0e44ecb3a1dc99550a'), clientMessageId: 'mine-2' });
    delivery.received({ ...message('6b07bd0e44ecb3a1dc99550a'), clientMessageId: 'mine-2' });
    expect(delivered).toEqual([]);
    // What the socket or a catch-up brings moves the watermark, whoever sent it.
    expect(delivery.watermark).toBe('6b07bd0e44ecb3a1dc99550a');
  });
});
