import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { ME, conversation, page, PEER, setUpChat, flush } from '../testing/chat-fakes';
import { App } from './app';
import { Session } from './core/auth/session';

const camille: UserView = { id: ME, email: 'camille@example.test', name: 'Camille Martin', role: 'client' };

async function render(user: UserView | null) {
  TestBed.configureTestingModule({
    imports: [App],
    providers: [
      provideRouter([]),
      { provide: Session, useValue: { user: signal(user), token: signal(user ? 'token' : null), logout: jest.fn() } },
    ],
  });
  const chat = setUpChat();
  const fixture = TestBed.createComponent(App);
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement, ...chat };
}

describe('App', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('shows the brand and no menu to a visitor', async () => {
    const { element } = await render(null);
    expect(element.querySelector('.brand')?.textContent?.trim()).toBe('Promoto');
    expect(element.querySelector('app-user-menu')).toBeNull();
  });

  it("shows the client's links and the live unread total next to 💬 Messages", async () => {
    const { fixture, element, session, api, socket } = await render(camille);
    api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 1 })])));
    api.unreadCount.mockReturnValueOnce(of({ total: 1 }));
    session.start(ME, 'token');
    await flush();
    await fixture.whenStable();

    const nav = element.querySelector('nav')?.textContent ?? '';
    expect(nav).toContain('Mes rendez-vous');
    const messages = element.querySelector<HTMLAnchorElement>('.messages-shortcut');
    expect(messages?.getAttribute('href')).toBe('/app/messages');
    // The label is shown, not left to the icon alone.
    const label = messages?.querySelector('span:not(.visually-hidden)');
    expect(label?.textContent?.trim()).toBe('💬 Messages');
    expect(messages?.textContent).toContain('1 message non lu');

    socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 3 }), unreadTotal: 3 });
    await fixture.whenStable();
    expect(messages?.textContent).toContain('3 messages non lus');
  });

  it('says when the server paused this tab (too many tabs) and resumes it on demand', async () => {
    const { fixture, element, socket } = await render(camille);
    socket.state.set('replaced');
    await fixture.whenStable();

    const banner = element.querySelector('.connection-banner');
    expect(banner?.textContent).toContain('en pause dans cet onglet');
    banner?.querySelector('button')?.click();
    expect(socket.resume).toHaveBeenCalledTimes(1);
  });

  it('shows a banner while the socket is reconnecting', async () => {
    const { fixture, element, socket } = await render(camille);
    expect(element.querySelector('.connection-banner')).toBeNull();

    socket.state.set('reconnecting');
    await fixture.whenStable();

    expect(element.querySelector('.connection-banner')?.textContent).toContain('Reconnexion en cours');
  });
});
