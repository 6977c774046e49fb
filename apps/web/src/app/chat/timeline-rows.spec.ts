import { LIMITS, type AppointmentView } from '@promoto/shared-dto';
import type { ChatMessage } from './chat-state';
import { bookingCards } from './booking-cards';
import { buildTimelineRows, type MessageRow, type ThreadRow } from './timeline-rows';

const ME = 'me';
const PEER = 'peer';
const NOW = Date.parse('2030-03-01T10:00:00.000Z');
const BOOKING = 'b1';

const booking: AppointmentView = {
  id: BOOKING,
  clientId: ME,
  clientName: 'Camille Martin',
  garageId: 'g1',
  garageName: 'Garage Dupont',
  garagisteId: PEER,
  scheduledAt: '2030-03-12T08:00:00.000Z',
  service: 'Vidange',
  status: 'confirmed',
  createdAt: '2030-03-01T08:00:00.000Z',
};

function chat(n: number, senderId: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  const id = n.toString(16).padStart(24, '0');
  return {
    key: id,
    id,
    senderId,
    recipientId: senderId === ME ? PEER : ME,
    content: `message ${n}`,
    createdAt: new Date(NOW - (60 - n) * 60_000).toISOString(),
    status: 'sent',
    ...extra,
  };
}

function rows(
  messages: ChatMessage[],
  extra: {
    readUpTo?: string | null;
    appointments?: AppointmentView[];
    me?: string;
    peerId?: string;
    garageName?: string;
  } = {},
) {
  return buildTimelineRows({
    messages,
    firstUnreadKey: null,
    now: NOW,
    me: extra.me ?? ME,
    peerId: extra.peerId ?? PEER,
    garageName: extra.garageName ?? null,
    readUpTo: extra.readUpTo ?? null,
    bookings: bookingCards(extra.appointments ?? [], messages),
  });
}

function bubblesOf(all: ThreadRow[]): MessageRow[] {
  return all.filter((row): row is MessageRow => row.kind === 'message');
}

describe('buildTimelineRows', () => {
  it('marks my messages as own, with a tick read up to the other person’s watermark', () => {
    const shown = bubblesOf(rows([chat(1, PEER), chat(2, ME), chat(3, ME)], { readUpTo: chat(2, ME).id }));
    expect(shown.map((row) => [row.own, row.status])).toEqual([
      [false, null],
      [true, 'read'],
      [true, 'sent'],
    ]);
  });

  it('shows the time on a group’s last bubble, and on mine that are pending or failed', () => {
    const pending = chat(3, ME, { id: null, key: 'local', status: 'pending' });
    const shown = bubblesOf(rows([chat(1, ME), chat(2, ME), pending]));
    expect(shown.map((row) => [row.status, row.showMeta])).toEqual([
      ['sent', false],
      ['sent', false],
      ['pending', true],
    ]);
  });

  it('offers an edit within the edit window and a deletion on my stored messages only', () => {
    const old = chat(1, ME, { createdAt: new Date(NOW - LIMITS.editWindowMs - 1).toISOString() });
    const recent = chat(2, ME, { createdAt: new Date(NOW - 60_000).toISOString() });
    const pending = chat(3, ME, { id: null, key: 'local', status: 'pending' });
    const theirs = chat(4, PEER);
    const shown = bubblesOf(rows([old, recent, pending, theirs]));
    expect(shown.map((row) => [row.canEdit, row.canDelete])).toEqual([
      [false, true],
      [true, true],
      [false, false],
      [false, false],
    ]);
  });

  it('cuts text into links, and keeps neither text, files nor actions of a deleted message', () => {
    const photo = {
      id: 'f1',
      kind: 'image' as const,
      name: 'photo.jpg',
      size: 2_500_000,
      mimeType: 'image/jpeg',
      url: '/f1',
      width: 1600,
      height: 1200,
    };
    const [linked, deleted] = bubblesOf(
      rows([
        chat(1, PEER, { content: 'Devis : https://promoto.test/d/1', attachments: [photo] }),
        chat(2, ME, { content: '', deletedAt: new Date(NOW).toISOString(), attachments: [photo] }),
      ]),
    );
    expect(linked.segments).toEqual([
      { text: 'Devis : ' },
      { text: 'https://promoto.test/d/1', href: 'https://promoto.test/d/1' },
    ]);
    expect(linked.attachments.map(({ box, sizeLabel }) => ({ box, sizeLabel }))).toEqual([
      { box: { width: 240, height: 180 }, sizeLabel: '2,4 Mo' },
    ]);
    expect([deleted.deleted, deleted.segments, deleted.attachments, deleted.canDelete]).toEqual([true, [], [], false]);
  });

  it('says « Fichier supprimé » for a message whose only files were erased, not for a deleted one nor a pending one', () => {
    const [erased, deleted, pending, text] = bubblesOf(
      rows([
        chat(1, PEER, { content: '', attachments: [] }),
        chat(2, PEER, { content: '', deletedAt: new Date(NOW).toISOString() }),
        chat(3, ME, { id: null, key: 'local', status: 'pending', content: '' }),
        chat(4, PEER),
      ]),
    );
    expect([erased.filesErased, deleted.filesErased, pending.filesErased, text.filesErased]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('keeps the files on their way on a pending message only', () => {
    const upload = { localId: 'u1', file: new File(['x'], 'a.pdf'), previewUrl: null, progress: 0.5 };
    const pending = chat(1, ME, { id: null, key: 'local', status: 'pending', uploads: [upload] });
    const stored = chat(2, ME, { uploads: [upload] });
    expect(bubblesOf(rows([pending, stored])).map((row) => row.uploads.length)).toEqual([1, 0]);
  });

  it('words a booking notice, and marks a message about that booking with the status its latest notice left', () => {
    const about = chat(1, ME, { appointmentId: BOOKING });
    const unknown = chat(2, ME, { appointmentId: 'b-unknown' });
    const notice = chat(3, PEER, {
      content: 'texte du serveur',
      appointmentId: BOOKING,
      bookingEvent: {
        appointmentId: BOOKING,
        action: 'completed',
        status: 'completed',
        scheduledAt: '2030-03-15T13:30:00.000Z',
        service: 'Vidange',
        garageName: 'Garage Dupont',
        causedBy: PEER,
        causedByRole: 'garagiste',
      },
    });
    const all = rows([about, unknown, notice], { appointments: [booking] });
    const shownNotice = all.find((row) => row.kind === 'notice');
    expect(shownNotice).toMatchObject({
      text: expect.stringMatching(/^Rendez-vous terminé — vendredi 15 mars à \d+ h 30, Vidange$/),
    });
    const [marked, unmarked] = bubblesOf(all);
    expect(marked.about).toMatch(/^📅 À propos du rendez-vous : Vidange — .* · Terminé$/);
    expect(unmarked.about).toBe("📅 À propos d'un rendez-vous");
  });

  it('ends a notice with the reason given, and shows the garage’s away notice centred with its own words', () => {
    const cancelled = chat(1, PEER, {
      appointmentId: BOOKING,
      bookingEvent: {
        appointmentId: BOOKING,
        action: 'cancelled',
        status: 'cancelled',
        scheduledAt: '2030-03-15T13:00:00.000Z',
        service: 'Vidange',
        garageName: 'Garage Dupont',
        causedBy: PEER,
        causedByRole: 'garagiste',
        reason: 'Pièce pas encore livrée',
      },
    });
    const away = chat(2, PEER, {
      content: 'Le garage est fermé ; nous vous répondons dès lundi 8 h.',
      awayNotice: { reopensAt: '2030-03-04T07:00:00.000Z' },
    });
    const notices = rows([cancelled, away]).filter((row) => row.kind === 'notice');
    expect(notices.map((row) => (row.kind === 'notice' ? row.text : null))).toEqual([
      expect.stringMatching(
        /^Rendez-vous annulé — vendredi 15 mars à \d+ h, Vidange\. Motif : Pièce pas encore livrée$/,
      ),
      'Le garage est fermé ; nous vous répondons dès lundi 8 h.',
    ]);
  });

  it('puts a colleague’s message on my side of a garage’s thread with their name, which only its author may change', () => {
    const client = 'client';
    const colleague = chat(1, 'lea', { recipientId: client, senderName: 'Léa', garageId: 'g1' });
    const mine = chat(2, ME, {
      recipientId: client,
      senderName: 'Marc',
      garageId: 'g1',
      createdAt: new Date(NOW - 60_000).toISOString(),
    });
    const theirs = chat(3, client, { recipientId: 'g1', garageId: 'g1' });
    const shown = bubblesOf(rows([colleague, mine, theirs], { peerId: client }));
    expect(shown.map((row) => [row.own, row.author, row.canEdit])).toEqual([
      [true, 'Léa', false],
      [true, null, true],
      [false, null, false],
    ]);
  });

  it('draws a note on my side of the garage’s thread, marked as one, without the client’s read ticks', () => {
    const client = 'client';
    const colleague = chat(1, 'lea', { recipientId: client, senderName: 'Léa', garageId: 'g1', note: true });
    const mine = chat(2, ME, { recipientId: client, senderName: 'Marc', garageId: 'g1', note: true });
    const pending = chat(3, ME, { id: null, key: 'pending', recipientId: client, note: true, status: 'pending' });
    const shown = bubblesOf(rows([colleague, mine, pending], { peerId: client, readUpTo: mine.id }));
    expect(shown.map((row) => [row.own, row.note, row.author, row.status])).toEqual([
      [true, true, 'Léa', null],
      [true, true, null, null],
      [true, true, null, 'pending'],
    ]);
  });

  it('signs the garage’s messages « Léa · Garage Dupont » to its client, whose read messages are « Lu par le garage »', () => {
    const question = chat(1, ME, { recipientId: 'g1', garageId: 'g1' });
    const answer = chat(2, 'lea', { recipientId: ME, senderName: 'Léa', garageId: 'g1' });
    const shown = bubblesOf(
      rows([question, answer], { peerId: 'g1', garageName: 'Garage Dupont', readUpTo: answer.id }),
    );
    expect(shown.map((row) => [row.own, row.author, row.statusLabel])).toEqual([
      [true, null, 'Lu par le garage'],
      [false, 'Léa · Garage Dupont', null],
    ]);
  });

  it('draws a quote as its card, never editable, counting the answers and versions that change it', () => {
    const payload = {
      quoteId: 'q1',
      version: 1,
      appointmentId: BOOKING,
      lines: [],
      totals: { netCents: 0, vatCents: 0, grossCents: 0 },
      expiresAt: '2030-03-31T10:00:00.000Z',
    };
    const decision = (n: number) =>
      chat(n, PEER, {
        quoteDecision: {
          quoteId: 'q1',
          version: 1,
          decisions: [{ lineIndex: 0, decision: 'approved' }],
          approved: { netCents: 0, vatCents: 0, grossCents: 0 },
          pendingLines: 0,
        },
      });
    const all = rows([
      chat(1, ME, { quote: payload }),
      decision(2),
      chat(3, ME, { quote: { ...payload, quoteId: 'q2', version: 2, supersedesQuoteId: 'q1' } }),
    ]);
    expect(all.filter((row) => row.kind === 'notice').map((row) => row.key)).toEqual([decision(2).key]);
    expect(bubblesOf(all).map((row) => [row.quoteChanges, row.segments, row.canEdit, row.canDelete])).toEqual([
      [2, [], false, false],
      [0, [], false, false],
    ]);
  });

  it('shows a vehicle reminder as a notice, with « Prendre rendez-vous » for the client it was written to only', () => {
    const clio = { vehicleId: 'v1', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012 };
    const reminder = chat(1, 'lea', {
      recipientId: ME,
      garageId: 'g1',
      content: 'Rappel de Garage Dupont pour votre Renault Clio · AB-123-CD : Vidange dans 6 mois',
      vehicleReminder: {
        reminderId: 'r1',
        vehicle: clio,
        text: 'Vidange dans 6 mois',
        dueAt: '2030-03-01T09:00:00.000Z',
      },
    });
    const [client] = rows([reminder], { peerId: 'g1' }).filter((row) => row.kind === 'notice');
    expect(client).toMatchObject({
      text: 'Rappel de Garage Dupont pour votre Renault Clio · AB-123-CD : Vidange dans 6 mois',
      booking: { garageId: 'g1', vehicleId: 'v1' },
    });
    const [member] = rows([reminder], { me: 'lea', peerId: ME }).filter((row) => row.kind === 'notice');
    expect(member).not.toHaveProperty('booking');
  });
});
