import type { ChatMessage } from './chat-state';
import { buildTimeline, type TimelineRow } from './timeline';

const ME = 'me';
const PEER = 'peer';
/** Monday 23 November 2026, 15:00 local time. */
const NOW = new Date(2026, 10, 23, 15, 0).getTime();

function at(day: number, hour: number, minute = 0): string {
  return new Date(2026, 10, day, hour, minute).toISOString();
}

function chat(key: string, senderId: string, createdAt: string): ChatMessage {
  return {
    key,
    id: key,
    senderId,
    recipientId: senderId === ME ? PEER : ME,
    content: key,
    createdAt,
    status: 'sent',
  };
}

/** The rows as short strings: "[label]", "---", and "key(start,end)" with + for true. */
function shape(rows: TimelineRow[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'day') return `[${row.label}]`;
    if (row.kind === 'unread') return '---';
    if (row.kind === 'notice') return `!${row.key}`;
    return `${row.key}(${row.groupStart ? '+' : '-'}${row.groupEnd ? '+' : '-'})`;
  });
}

describe('buildTimeline', () => {
  it('puts a separator before each day: a weekday and date, « Hier », « Aujourd’hui »', () => {
    const rows = buildTimeline(
      [chat('a', PEER, at(18, 9)), chat('b', ME, at(22, 20)), chat('c', PEER, at(23, 8))],
      NOW,
      null,
    );
    expect(shape(rows)).toEqual(['[mercredi 18 novembre]', 'a(++)', '[Hier]', 'b(++)', "[Aujourd'hui]", 'c(++)']);
  });

  it('names the year of a day in another year', () => {
    const [separator] = buildTimeline([chat('a', PEER, new Date(2025, 11, 31, 9).toISOString())], NOW, null);
    expect(separator).toMatchObject({ label: 'mercredi 31 décembre 2025' });
  });

  it('groups consecutive messages of one person, the time going on the last of the group', () => {
    const rows = buildTimeline(
      [
        chat('a', PEER, at(23, 9, 0)),
        chat('b', PEER, at(23, 9, 1)),
        chat('c', PEER, at(23, 9, 2)),
        chat('d', ME, at(23, 9, 3)),
        chat('e', PEER, at(23, 9, 4)),
        chat('f', PEER, at(23, 9, 30)),
      ],
      NOW,
      null,
    );
    expect(shape(rows)).toEqual(["[Aujourd'hui]", 'a(+-)', 'b(--)', 'c(-+)', 'd(++)', 'e(++)', 'f(++)']);
  });

  it('shows the « Nouveaux messages » divider before the first unread message, which starts a group', () => {
    const rows = buildTimeline(
      [chat('a', PEER, at(23, 9, 0)), chat('b', PEER, at(23, 9, 1)), chat('c', PEER, at(23, 9, 2))],
      NOW,
      'b',
    );
    expect(shape(rows)).toEqual(["[Aujourd'hui]", 'a(++)', '---', 'b(+-)', 'c(-+)']);
  });

  it('breaks a group at midnight', () => {
    const rows = buildTimeline([chat('a', PEER, at(22, 23, 58)), chat('b', PEER, at(23, 0, 1))], NOW, null);
    expect(shape(rows)).toEqual(['[Hier]', 'a(++)', "[Aujourd'hui]", 'b(++)']);
  });

  it('gives a booking notice its own row, which ends and restarts the groups around it', () => {
    const notice: ChatMessage = {
      ...chat('n', PEER, at(23, 9, 2)),
      bookingEvent: {
        appointmentId: 'b',
        action: 'confirmed',
        status: 'confirmed',
        scheduledAt: at(30, 9),
        service: 'Distribution',
        garageName: 'Garage Dupont',
        causedBy: PEER,
        causedByRole: 'garagiste',
      },
    };
    const rows = buildTimeline(
      [chat('a', PEER, at(23, 9)), chat('b', PEER, at(23, 9, 1)), notice, chat('c', PEER, at(23, 9, 3))],
      NOW,
      null,
    );
    expect(shape(rows)).toEqual(["[Aujourd'hui]", 'a(+-)', 'b(-+)', '!n', 'c(++)']);
  });
});
