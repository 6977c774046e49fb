import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { UserView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { ME, PEER, chatTransports, conversation, flush, page } from '../../testing/chat-fakes';
import { ConversationsStore } from '../chat/conversations.store';
import { Session } from '../core/auth/session';
import { SignedInHost } from '../session/signed-in-host';

const camille: UserView = { id: ME, email: 'camille@example.test', name: 'Camille Martin', role: 'client' };

/** A page of the signed-in area: it reads the session's conversations. */
@Component({
  template: `<p class="page-total">{{ conversations.unreadTotal() }}</p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SignedInPage {
  protected readonly conversations = inject(ConversationsStore);
}

async function render(user: UserView | null = camille) {
  const transports = chatTransports();
  const session = { user: signal(user), sessionId: signal(user ? 'session-1' : null), logout: jest.fn() };
  transports.api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 1 })])));
  transports.api.unreadCount.mockReturnValueOnce(of({ total: 1 }));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: '', component: SignedInHost, children: [{ path: 'app/messages', component: SignedInPage }] },
      ]),
      ...transports.providers,
      { provide: Session, useValue: session },
    ],
  });
  const harness = await RouterTestingHarness.create('/app/messages');
  await flush();
  harness.detectChanges();
  const element = harness.fixture.nativeElement as HTMLElement;
  return { ...transports, session, harness, element };
}

describe('SignedInLayout', () => {
  afterEach(() => TestBed.resetTestingModule());

  it("shows the client's links and the live unread total next to 💬 Messages, and gives the page the session's stores", async () => {
    const { element, harness, socket } = await render();

    const nav = element.querySelector('nav')?.textContent ?? '';
    expect(nav).toContain('Mes rendez-vous');
    const messages = element.querySelector<HTMLAnchorElement>('.messages-shortcut');
    expect(messages?.getAttribute('href')).toBe('/app/messages');
    // The label is shown, not left to the icon alone.
    const label = messages?.querySelector('span:not(.visually-hidden)');
    expect(label?.textContent?.trim()).toBe('💬 Messages');
    expect(messages?.textContent).toContain('1 message non lu');
    expect(element.querySelector('.page-total')?.textContent).toBe('1');

    socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 3 }), unreadTotal: 3 });
    harness.detectChanges();
    expect(messages?.textContent).toContain('3 messages non lus');
    expect(element.querySelector('.page-total')?.textContent).toBe('3');
  });

  it('takes the layout and its page away at logout', async () => {
    const { element, harness, session, socket } = await render();
    expect(element.querySelector('app-signed-in-layout')).not.toBeNull();

    session.user.set(null);
    session.sessionId.set(null);
    TestBed.tick();
    harness.detectChanges();

    expect(socket.disconnect).toHaveBeenCalled();
    expect(element.querySelector('app-signed-in-layout')).toBeNull();
    expect(element.querySelector('.page-total')).toBeNull();
  });

  it('says when the server paused this tab (too many tabs) and resumes it on demand', async () => {
    const { element, harness, socket } = await render();
    socket.state.set('replaced');
    harness.detectChanges();

    const banner = element.querySelector('.connection-banner');
    expect(banner?.textContent).toContain('en pause dans cet onglet');
    banner?.querySelector('button')?.click();
    expect(socket.resume).toHaveBeenCalledTimes(1);
  });

  it('shows a banner while the socket is reconnecting', async () => {
    const { element, harness, socket } = await render();
    expect(element.querySelector('.connection-banner')).toBeNull();

    socket.state.set('reconnecting');
    harness.detectChanges();

    expect(element.querySelector('.connection-banner')?.textContent).toContain('Reconnexion en cours');
  });
});
