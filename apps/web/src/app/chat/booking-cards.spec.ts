import type { AppointmentView, BookingEventPayload } from '@promoto/shared-dto';
import type { ChatMessage } from './chat-state';
import { bookingCards, bookingInQuestion, type BookingCard } from './booking-cards';

const NOW = Date.parse('2030-03-01T10:00:00.000Z');

const booking: AppointmentView = {
  id: 'b1',
  clientId: 'me',
  clientName: 'Camille Martin',
  garageId: 'g1',
  garageName: 'Garage Dupont',
  garagisteId: 'peer',
  scheduledAt: '2030-03-12T08:00:00.000Z',
  service: 'Vidange',
  status: 'confirmed',
  createdAt: '2030-03-01T08:00:00.000Z',
};

function notice(bookingEvent: BookingEventPayload): ChatMessage {
  return {
    key: 'n1',
    id: 'n1',
    senderId: 'peer',
    recipientId: 'me',
    content: '',
    createdAt: new Date(NOW).toISOString(),
    status: 'sent',
    bookingEvent,
  };
}

describe('bookingCards', () => {
  it('takes the bookings as loaded, then as the thread’s notices left them', () => {
    const moved = notice({
      appointmentId: 'b1',
      action: 'moved',
      status: 'confirmed',
      scheduledAt: '2030-03-20T08:00:00.000Z',
      service: 'Vidange',
      garageName: 'Garage Dupont',
      causedBy: 'peer',
      causedByRole: 'garagiste',
    });
    expect(bookingCards([booking], []).get('b1')?.scheduledAt).toBe(booking.scheduledAt);
    expect(bookingCards([booking], [moved]).get('b1')).toEqual({
      service: 'Vidange',
      scheduledAt: '2030-03-20T08:00:00.000Z',
      status: 'confirmed',
    });
  });
});

describe('bookingInQuestion', () => {
  const card = (service: string, scheduledAt: string, status: BookingCard['status']): BookingCard => ({
    service,
    scheduledAt,
    status,
  });
  const cards = new Map<string, BookingCard>([
    ['past', card('Pneus', '2030-02-01T08:00:00.000Z', 'confirmed')],
    ['cancelled', card('Freins', '2030-03-02T08:00:00.000Z', 'cancelled')],
    ['later', card('Vidange', '2030-03-20T08:00:00.000Z', 'pending')],
    ['next', card('Distribution', '2030-03-05T08:00:00.000Z', 'confirmed')],
  ]);

  it('is the chosen booking, whatever its state', () => {
    expect(bookingInQuestion(cards, 'past', NOW)?.service).toBe('Pneus');
  });

  it('is otherwise the next open booking to come', () => {
    expect(bookingInQuestion(cards, '', NOW)?.service).toBe('Distribution');
    expect(bookingInQuestion(new Map([['past', cards.get('past') as BookingCard]]), '', NOW)).toBeUndefined();
  });
});
