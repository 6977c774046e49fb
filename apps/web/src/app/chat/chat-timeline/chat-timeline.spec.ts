import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ConversationView, Page } from '@promoto/shared-dto';
import { Subject, of } from 'rxjs';
import {
  BOOKING,
  ME,
  PEER,
  conversation,
  flush,
  id,
  message,
  nextFrame,
  openThread,
  page,
  setUpChat,
} from '../../../testing/chat-fakes';
import { ChatTimeline } from './chat-timeline';

async function render(history = [message(1, PEER, ME), message(2, ME, PEER)], olderCursor: string | null = null) {
  const chat = await openThread(history, olderCursor);
  const fixture = TestBed.createComponent(ChatTimeline);
  fixture.componentRef.setInput('peerName', 'Garage Dupont');
  fixture.componentRef.setInput('appointments', [BOOKING]);
  await fixture.whenStable();
  // The reader is placed in the frame after the first render.
  await nextFrame();
  const element = fixture.nativeElement as HTMLElement;
  const bubbles = () => Array.from(element.querySelectorAll<HTMLElement>('[role="log"] li.message'));
  return { ...chat, fixture, element, bubbles };
}

describe('ChatTimeline', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('renders message content as text, never as HTML', async () => {
    const { bubbles } = await render([message(1, PEER, ME, { content: '<img src=x onerror="alert(1)"> <b>gras</b>' })]);
    const content = bubbles()[0].querySelector('.content');
    expect(content?.textContent).toBe('<img src=x onerror="alert(1)"> <b>gras</b>');
    expect(content?.querySelector('img, b')).toBeNull();
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

  it('asks for older pages once the reader is placed, not for a scroller at its top only because the thread is opening', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const chat = setUpChat();
    // The conversation list is still on its way: the unread divider, so the reader's place, is not known yet.
    const list = new Subject<Page<ConversationView>>();
    chat.api.conversations.mockReturnValueOnce(list);
    chat.api.history.mockReturnValueOnce(of(page([message(5, PEER, ME)], id(5))));
    chat.session.start();
    chat.thread.open(PEER);
    await flush();
    const fixture = TestBed.createComponent(ChatTimeline);
    fixture.componentRef.setInput('peerName', 'Garage Dupont');
    await fixture.whenStable();
    const scroller = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('.scroller');
    if (!scroller) throw new Error('no scroller');

    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await flush();
    expect(chat.api.history).toHaveBeenCalledTimes(1);

    list.next(page([conversation(PEER)]));
    list.complete();
    await flush();
    await fixture.whenStable();
    await nextFrame();
    chat.api.history.mockReturnValueOnce(of(page([message(4, PEER, ME)])));
    scroller.dispatchEvent(new Event('scroll'));
    await flush();
    expect(chat.api.history).toHaveBeenLastCalledWith(PEER, { before: id(5), limit: 30 });
  });
});

describe('ChatTimeline: the thread as people expect it', () => {
  afterEach(() => TestBed.resetTestingModule());

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
    chat.session.start();
    await flush();
    chat.thread.open(PEER);
    await flush();
    const fixture = TestBed.createComponent(ChatTimeline);
    fixture.componentRef.setInput('peerName', 'Garage Dupont');
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

  it('offers Modifier and Supprimer on my recent messages only, « Signaler ce message » on the other side’s, and shows « modifié » and « Message supprimé »', async () => {
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
    expect(actions(1)).toEqual(['Signaler ce message']);
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

  it('shows a booking notice centred, live, and the booking marker with the status it left', async () => {
    const linked = message(1, ME, PEER, { appointmentId: BOOKING.id, content: 'Je viens à 9 h ?' });
    const { element, fixture, socket, bubbles } = await render([linked]);
    expect(bubbles()[0].textContent).toContain('Vidange — ');
    expect(bubbles()[0].textContent).toContain('· Confirmé');
    const moved = new Date(2030, 2, 15, 14, 30).toISOString();

    socket.newMessage$.next(
      message(2, PEER, ME, {
        kind: 'booking-event',
        appointmentId: BOOKING.id,
        content: 'Rendez-vous terminé — texte du serveur',
        bookingEvent: {
          appointmentId: BOOKING.id,
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
