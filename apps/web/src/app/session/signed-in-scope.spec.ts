import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserView } from '@promoto/shared-dto';
import { Subject, of } from 'rxjs';
import { ME, PEER, chatTransports, conversation, flush, page } from '../../testing/chat-fakes';
import { ChatSession } from '../chat/chat-session';
import { ConversationsStore } from '../chat/conversations.store';
import { Drafts } from '../chat/drafts';
import { Session } from '../core/auth/session';
import { SignedInScope } from './signed-in-scope';

const camille: UserView = { id: ME, email: 'camille@example.test', name: 'Camille Martin', role: 'client' };

/** SignedInScope following a session whose user and server-side session the test sets. */
function setUp() {
  const transports = chatTransports();
  const user = signal<UserView | null>(null);
  const sessionId = signal<string | null>(null);
  TestBed.configureTestingModule({
    providers: [provideRouter([]), ...transports.providers, { provide: Session, useValue: { user, sessionId } }],
  });
  const scope = TestBed.inject(SignedInScope);
  const signIn = (who: UserView | null, inSession: string | null) => {
    user.set(who);
    sessionId.set(inSession);
    TestBed.tick();
    return scope.injector();
  };
  return { ...transports, scope, signIn };
}

describe('SignedInScope', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('creates the session’s injector at login, with the messaging started for that user', async () => {
    const { socket, signIn } = setUp();
    expect(signIn(null, null)).toBeNull();

    const injector = signIn(camille, 'session-1');
    await flush();

    expect(injector?.get(ChatSession).currentUserId()).toBe(ME);
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it('starts the messaging in the task after the one that made the injector: the page’s own requests go out first', async () => {
    const { api, signIn } = setUp();
    const injector = signIn(camille, 'session-1');

    expect(injector).not.toBeNull();
    expect(api.conversations).not.toHaveBeenCalled();
    expect(api.unreadCount).not.toHaveBeenCalled();
    await flush();
    expect(api.conversations).toHaveBeenCalledTimes(1);
    expect(api.unreadCount).toHaveBeenCalledTimes(1);
  });

  it('makes none for an admin: no messaging, no socket', async () => {
    const { socket, api, signIn } = setUp();
    expect(signIn({ ...camille, role: 'admin' }, 'session-1')).toBeNull();
    await flush();
    expect(socket.connect).not.toHaveBeenCalled();
    expect(api.conversations).not.toHaveBeenCalled();
  });

  it('destroys it at logout: disconnected, drafts gone, a late answer dropped, and the next session starts empty', async () => {
    const { socket, api, signIn } = setUp();
    const first = signIn(camille, 'session-1');
    if (!first) throw new Error('no session');
    const conversations = first.get(ConversationsStore);
    first.get(Drafts).set(PEER, 'Bonjour, je voulais');
    const late = new Subject<ReturnType<typeof page>>();
    api.conversations.mockReturnValueOnce(late);
    void conversations.showFolder('archived');

    expect(signIn(null, null)).toBeNull();
    late.next(page([conversation(PEER, { archived: true })]));
    await flush();

    expect(socket.disconnect).toHaveBeenCalled();
    expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBeNull();
    expect(conversations.conversations()).toEqual([]);
    api.conversations.mockReturnValueOnce(of(page([conversation(PEER)])));
    const next = signIn(camille, 'session-2')?.get(ConversationsStore);
    await flush();
    expect(next).not.toBe(conversations);
    expect(next?.folder()).toBe('inbox');
    expect(next?.archivedWith(PEER)).toBe(false);
  });

  it('keeps the session through a refreshed user or tokens (the same server-side session); a new login is a new session, drafts kept', async () => {
    const { socket, signIn } = setUp();
    const first = signIn(camille, 'session-1');
    first?.get(Drafts).set(PEER, 'En cours');

    expect(signIn({ ...camille, name: 'Camille M.' }, 'session-1')).toBe(first);
    await flush();
    expect(socket.connect).toHaveBeenCalledTimes(1);

    const second = signIn(camille, 'session-after-login-elsewhere');
    await flush();
    expect(second).not.toBe(first);
    expect(socket.connect).toHaveBeenCalledTimes(2);
    expect(second?.get(Drafts).get(PEER)).toBe('En cours');
  });
});
