import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AppointmentView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { CONVERSATION, ME, PEER, conversation, flush, id, message, page, setUpChat } from '../../../testing/chat-fakes';
import { ChatWindow } from './chat-window';

const booking: AppointmentView = {
  id: 'b00000000000000000000001',
  clientId: ME,
  clientName: 'Camille Martin',
  garageId: 'g00000000000000000000001',
  garageName: 'Garage Dupont',
  garagisteId: PEER,
  scheduledAt: '2030-03-12T08:00:00.000Z',
  service: 'Vidange',
  status: 'confirmed',
  createdAt: '2030-03-01T08:00:00.000Z',
};

async function render(history = [message(1, PEER, ME), message(2, ME, PEER)], olderCursor: string | null = null) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const chat = setUpChat();
  chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER)])));
  chat.api.history.mockReturnValueOnce(of(page(history, olderCursor)));
  chat.session.start(ME, 'token');
  await flush();
  chat.thread.open(PEER);
  await flush();
  const fixture = TestBed.createComponent(ChatWindow);
  fixture.componentRef.setInput('backLink', '/app/messages');
  fixture.componentRef.setInput('appointments', [booking]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const composer = element.querySelector('textarea') as HTMLTextAreaElement;
  const type = async (text: string) => {
    composer.value = text;
    composer.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const press = async (init: KeyboardEventInit) => {
    const event = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true, ...init });
    composer.dispatchEvent(event);
    await fixture.whenStable();
    return event;
  };
  const bubbles = () => Array.from(element.querySelectorAll<HTMLElement>('[role="log"] li.message'));
  return { ...chat, fixture, element, composer, type, press, bubbles };
}

describe('ChatWindow', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('shows the history with own and other bubbles, the peer, and ticks on my messages', async () => {
    const { element, bubbles, socket, fixture } = await render();
    expect(element.querySelector('h2')?.textContent).toBe('Garage Dupont');
    expect(bubbles().map((item) => item.classList.contains('own'))).toEqual([false, true]);
    expect(bubbles()[1].dataset['status']).toBe('sent');
    expect(bubbles()[1].textContent).toContain('Envoyé');

    socket.messagesRead$.next({ conversationId: CONVERSATION, readerId: PEER, lastReadMessageId: id(2), readAt: '' });
    await fixture.whenStable();
    expect(bubbles()[1].dataset['status']).toBe('read');
    expect(bubbles()[1].textContent).toContain('Lu');
  });

  it('renders message content as text, never as HTML', async () => {
    const { bubbles } = await render([message(1, PEER, ME, { content: '<img src=x onerror="alert(1)"> <b>gras</b>' })]);
    const content = bubbles()[0].querySelector('.content');
    expect(content?.textContent).toBe('<img src=x onerror="alert(1)"> <b>gras</b>');
    expect(content?.querySelector('img, b')).toBeNull();
  });

  it('sends with Enter, linked to the booking it was opened from, and clears the field', async () => {
    const { fixture, socket, type, press, composer, bubbles } = await render();
    fixture.componentRef.setInput('initialAppointmentId', booking.id);
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    await type('La pièce est arrivée ?');

    const event = await press({});

    expect(event.defaultPrevented).toBe(true);
    expect(socket.sendMessage).toHaveBeenCalledWith(
      expect.objectContaining({ content: 'La pièce est arrivée ?', appointmentId: booking.id }),
    );
    expect(composer.value).toBe('');
    const last = bubbles().at(-1);
    expect(last?.dataset['status']).toBe('pending');
    expect(last?.textContent).toContain('À propos du rendez-vous : Vidange');
  });

  it('keeps Shift+Enter for a new line, and sends with the "Envoyer" button', async () => {
    const { element, socket, type, press } = await render();
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    await type('Ligne 1');

    const event = await press({ shiftKey: true });
    expect(event.defaultPrevented).toBe(false);
    expect(socket.sendMessage).not.toHaveBeenCalled();

    const button = element.querySelector<HTMLButtonElement>('button[type="submit"]');
    expect(button?.textContent?.trim()).toBe('Envoyer');
    button?.click();
    expect(socket.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ content: 'Ligne 1' }));
  });

  it('offers "Réessayer" on a failed message, which sends it again', async () => {
    const { fixture, socket, type, press, bubbles } = await render([]);
    socket.sendMessage.mockRejectedValueOnce(new Error('operation has timed out'));
    await type('Bonjour');
    await press({});
    await flush();
    await fixture.whenStable();

    const failed = bubbles()[0];
    expect(failed.dataset['status']).toBe('failed');
    expect(failed.textContent).toContain("Le message n'a pas pu être envoyé.");
    socket.sendMessage.mockReturnValueOnce(new Promise(() => undefined));
    failed.querySelector<HTMLButtonElement>('.failure button')?.click();
    await fixture.whenStable();

    expect(socket.sendMessage).toHaveBeenCalledTimes(2);
    expect(bubbles()[0].dataset['status']).toBe('pending');
  });

  it('says when the other person is typing', async () => {
    const { element, fixture, socket } = await render();
    socket.typing$.next({ conversationId: CONVERSATION, userId: PEER, isTyping: true });
    await fixture.whenStable();
    expect(element.querySelector('.typing')?.textContent?.trim()).toBe("Garage Dupont est en train d'écrire…");
  });

  it('loads older messages on demand and keeps them in order', async () => {
    const { element, api, fixture, bubbles } = await render([message(5, PEER, ME)], id(5));
    api.history.mockReturnValueOnce(of(page([message(3, ME, PEER), message(4, PEER, ME)])));

    const older = element.querySelector<HTMLButtonElement>('.older');
    expect(older?.textContent?.trim()).toBe('Charger les messages précédents');
    older?.click();
    await flush();
    await fixture.whenStable();

    expect(api.history).toHaveBeenLastCalledWith(PEER, { before: id(5), limit: 30 });
    expect(bubbles().map((item) => item.querySelector('.content')?.textContent)).toEqual([
      'message 3',
      'message 4',
      'message 5',
    ]);
    expect(element.querySelector('.older')).toBeNull();
  });
});

describe('ChatWindow: the thread as people expect it', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('separates days and groups one person’s consecutive messages, the time on the last of a group', async () => {
    const { element } = await render([
      message(1, PEER, ME, { createdAt: '2030-01-01T09:00:00.000Z' }),
      message(2, PEER, ME, { createdAt: '2030-01-01T09:01:00.000Z' }),
      message(3, ME, PEER, { createdAt: '2030-01-02T09:02:00.000Z' }),
    ]);
    const rows = Array.from(element.querySelectorAll<HTMLElement>('[role="log"] li'));
    expect(rows.map((row) => row.className.split(' ')[0])).toEqual(['day', 'message', 'message', 'day', 'message']);
    expect(rows[0].textContent?.trim()).toBe('mardi 1 janvier 2030');
    const [first, second] = rows.filter((row) => row.classList.contains('message'));
    expect(first.querySelector('time')).toBeNull();
    expect(second.querySelector('time')?.textContent).toBeTruthy();
  });

  it('shows « Nouveaux messages » before the first message unread on opening', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const chat = setUpChat();
    chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 1 })])));
    chat.api.history.mockReturnValueOnce(of(page([message(1, ME, PEER), message(2, PEER, ME)])));
    chat.socket.markRead.mockReturnValue(new Promise(() => undefined));
    chat.session.start(ME, 'token');
    await flush();
    chat.thread.open(PEER);
    await flush();
    const fixture = TestBed.createComponent(ChatWindow);
    fixture.componentRef.setInput('backLink', '/app/messages');
    await fixture.whenStable();
    const rows = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('[role="log"] li'));
    const divider = rows.findIndex((row) => row.classList.contains('unread-divider'));
    expect(rows[divider].textContent?.trim()).toBe('Nouveaux messages');
    expect(rows[divider + 1].dataset['key']).toBe(id(2));
  });

  it('makes links clickable, opening elsewhere with rel="noopener noreferrer", and the rest text', async () => {
    const { bubbles } = await render([message(1, PEER, ME, { content: 'Devis : https://promoto.test/d/1 <b>ok</b>' })]);
    const link = bubbles()[0].querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://promoto.test/d/1');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(bubbles()[0].querySelector('.content')?.textContent).toBe('Devis : https://promoto.test/d/1 <b>ok</b>');
    expect(bubbles()[0].querySelector('b')).toBeNull();
  });

  it('offers Modifier and Supprimer on my recent messages only, and shows « modifié » and « Message supprimé »', async () => {
    const recent = new Date(Date.now() - 60_000).toISOString();
    const old = new Date(Date.now() - 20 * 60_000).toISOString();
    const { bubbles, fixture, api, socket } = await render([
      message(1, ME, PEER, { createdAt: old }),
      message(2, PEER, ME, { createdAt: recent }),
      message(3, ME, PEER, { createdAt: recent }),
    ]);
    const actions = (index: number) =>
      Array.from(bubbles()[index].querySelectorAll('.actions button')).map((button) => button.textContent?.trim());
    expect(actions(0)).toEqual(['Supprimer']);
    expect(actions(1)).toEqual([]);
    expect(actions(2)).toEqual(['Modifier', 'Supprimer']);

    api.edit.mockReturnValueOnce(of(message(3, ME, PEER, { createdAt: recent, content: 'Corrigé', editedAt: recent })));
    bubbles()[2].querySelector<HTMLButtonElement>('.actions button')?.click();
    await fixture.whenStable();
    const field = bubbles()[2].querySelector<HTMLTextAreaElement>('.edit textarea');
    expect(field?.value).toBe('message 3');
    if (field) {
      field.value = 'Corrigé';
      field.dispatchEvent(new Event('input'));
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
    }
    await flush();
    await fixture.whenStable();
    expect(api.edit).toHaveBeenCalledWith(id(3), 'Corrigé');
    expect(bubbles()[2].querySelector('.content')?.textContent).toBe('Corrigé');
    expect(bubbles()[2].querySelector('.edited')?.textContent?.trim()).toBe('modifié');

    socket.messageUpdated$.next(message(1, ME, PEER, { createdAt: old, content: '', deletedAt: recent }));
    await fixture.whenStable();
    expect(bubbles()[0].querySelector('.content')?.textContent?.trim()).toBe('Message supprimé');
    expect(bubbles()[0].querySelector('.actions')).toBeNull();
  });

  it('keeps the draft of each conversation across a new window, and clears it on send', async () => {
    localStorage.setItem(`promoto.draft.${ME}.${PEER}`, 'Je reviens vers vous');
    const { composer, type, press, socket } = await render();
    expect(composer.value).toBe('Je reviens vers vous');

    await type('Je reviens vers vous demain');
    expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBe('Je reviens vers vous demain');
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    await press({});
    expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBeNull();
  });

  it('shows a booking notice centred, live, and the booking marker with the status it left', async () => {
    const linked = message(1, ME, PEER, { appointmentId: booking.id, content: 'Je viens à 9 h ?' });
    const { element, fixture, socket, bubbles } = await render([linked]);
    expect(bubbles()[0].textContent).toContain('Vidange — ');
    expect(bubbles()[0].textContent).toContain('· Confirmé');
    const moved = new Date(2030, 2, 15, 14, 30).toISOString();

    socket.newMessage$.next(
      message(2, PEER, ME, {
        kind: 'booking-event',
        appointmentId: booking.id,
        content: 'Rendez-vous terminé — texte du serveur',
        bookingEvent: {
          appointmentId: booking.id,
          action: 'completed',
          status: 'completed',
          scheduledAt: moved,
          service: 'Vidange',
          garageName: 'Garage Dupont',
          causedBy: PEER,
          causedByRole: 'garagiste',
        },
      }),
    );
    await fixture.whenStable();

    const notices = Array.from(element.querySelectorAll<HTMLElement>('[role="log"] li.notice'));
    expect(notices.map((notice) => notice.querySelector('.notice-text')?.textContent)).toEqual([
      'Rendez-vous terminé — vendredi 15 mars à 14 h 30, Vidange',
    ]);
    expect(bubbles()).toHaveLength(1);
    expect(bubbles()[0].textContent).toContain('· Terminé');
  });

  it('counts the other person’s messages that arrive while I read higher up, and jumps to them', async () => {
    const { element, fixture, socket } = await render();
    const scroller = element.querySelector<HTMLElement>('.scroller');
    if (!scroller) throw new Error('no scroller');
    // jsdom has no layout: make the thread tall and the reader scrolled up by hand.
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
    scroller.scrollTop = 500;
    scroller.dispatchEvent(new Event('scroll'));

    socket.newMessage$.next(message(3, PEER, ME));
    socket.newMessage$.next(message(4, PEER, ME));
    await fixture.whenStable();
    const jump = element.querySelector<HTMLButtonElement>('.jump');
    expect(jump?.textContent?.trim()).toBe('↓ 2 nouveaux messages');

    jump?.click();
    await fixture.whenStable();
    expect(scroller.scrollTop).toBe(2000);
    expect(element.querySelector('.jump')).toBeNull();
  });
});

describe('ChatWindow: quick replies', () => {
  afterEach(() => localStorage.clear());

  const replies = {
    garageName: 'Garage <Dupont>',
    items: [
      { id: 'q1', title: 'Devis prêt', content: 'Bonjour {client}, le devis est prêt.' },
      { id: 'q2', title: 'Rendez-vous confirmé', content: 'Le {rdv.date} pour {rdv.service} chez {garage}.' },
    ],
  };

  it('offers them after a / at the start, filtered as I type, and inserts one filled with Enter', async () => {
    const { fixture, element, type, press, composer, socket } = await render();
    fixture.componentRef.setInput('quickReplies', replies);
    await type('/');
    const options = () => Array.from(element.querySelectorAll('[role="option"]')).map((option) => option.textContent);
    expect(options()).toHaveLength(2);

    await type('/r');
    // A title word starting with « r » first, then « prêt », which only contains it.
    expect(options()).toEqual([expect.stringContaining('Rendez-vous confirmé'), expect.stringContaining('Devis prêt')]);
    const event = await press({});

    expect(event.defaultPrevented).toBe(true);
    expect(socket.sendMessage).not.toHaveBeenCalled();
    const when = new Date(booking.scheduledAt);
    expect(composer.value).toBe(`Le mardi 12 mars à ${when.getHours()} h pour Vidange chez Garage <Dupont>.`);
    expect(element.querySelector('[role="listbox"]')).toBeNull();
  });

  it('opens the whole list from its button, chooses with the arrows, and closes with Escape', async () => {
    const { fixture, element, composer, press } = await render();
    fixture.componentRef.setInput('quickReplies', replies);
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('.quick-replies-toggle')?.click();
    await fixture.whenStable();
    expect(element.querySelectorAll('[role="option"]')).toHaveLength(2);

    await press({ key: 'ArrowDown' });
    expect(element.querySelector('[aria-selected="true"]')?.textContent).toContain('Rendez-vous confirmé');
    await press({ key: 'ArrowUp' });
    await press({});
    expect(composer.value).toBe('Bonjour Marc Dupont, le devis est prêt.');

    element.querySelector<HTMLButtonElement>('.quick-replies-toggle')?.click();
    await fixture.whenStable();
    await press({ key: 'Escape' });
    expect(element.querySelector('[role="listbox"]')).toBeNull();
  });
});
