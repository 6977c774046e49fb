import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  BlockList,
  AppointmentView,
  ConversationUpdatedEvent,
  ConversationView,
  MembershipEndedEvent,
  MessageView,
  MessagesReadEvent,
  Page,
  TypingEvent,
} from '@promoto/shared-dto';
import { Subject, of } from 'rxjs';
import { ChatSession } from '../app/chat/chat-session';
import { ConversationsStore } from '../app/chat/conversations.store';
import { CHAT_SESSION_SERVICES } from '../app/chat/provide-chat';
import { ThreadStore } from '../app/chat/thread.store';
import { TypingStore } from '../app/chat/typing.store';
import { BlocksApi } from '../app/core/api/blocks-api';
import { MessagesApi } from '../app/core/api/messages-api';
import { UsersApi } from '../app/core/api/users-api';
import { SIGNED_IN_USER, type SignedInUser } from '../app/core/auth/signed-in-user';
import { ChatSocket, type AuthRefusal, type ConnectionState } from '../app/core/realtime/chat-socket';
import { SIGNED_IN_PROVIDERS, provideSignedIn } from '../app/session/provide-signed-in';

export const ME = 'a00000000000000000000001';
export const PEER = 'a00000000000000000000002';
export const OTHER_PEER = 'a00000000000000000000003';
export const CONVERSATION = 'c00000000000000000000001';

/** A confirmed booking of ME at PEER's garage. */
export const BOOKING: AppointmentView = {
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

/** A 24-hex message id whose order follows n. */
export function id(n: number): string {
  return n.toString(16).padStart(24, '0');
}

export function message(n: number, from: string, to: string, extra: Partial<MessageView> = {}): MessageView {
  return {
    id: id(n),
    conversationId: CONVERSATION,
    senderId: from,
    recipientId: to,
    content: `message ${n}`,
    createdAt: new Date(Date.UTC(2030, 0, 1, 9, n)).toISOString(),
    ...extra,
  };
}

export function conversation(peerId: string, extra: Partial<ConversationView> = {}): ConversationView {
  return {
    id: peerId === PEER ? CONVERSATION : `c${peerId.slice(1)}`,
    otherUser: {
      id: peerId,
      name: peerId === PEER ? 'Marc Dupont' : 'Sophie Leroy',
      role: 'garagiste',
      garageName: 'Garage Dupont',
    },
    unreadCount: 0,
    archived: false,
    updatedAt: '2030-01-01T09:00:00.000Z',
    ...extra,
  };
}

export function page<T>(items: T[], nextCursor: string | null = null): Page<T> {
  return { items, nextCursor };
}

/** The socket service, driven by the test: events are Subjects, requests are jest mocks. */
export class FakeChatSocket {
  readonly state = signal<ConnectionState>('offline');
  isConnected = true;
  readonly connected$ = new Subject<void>();
  readonly authRefused$ = new Subject<AuthRefusal>();
  readonly newMessage$ = new Subject<MessageView>();
  readonly messagesRead$ = new Subject<MessagesReadEvent>();
  readonly typing$ = new Subject<TypingEvent>();
  readonly conversationUpdated$ = new Subject<ConversationUpdatedEvent>();
  readonly messageUpdated$ = new Subject<MessageView>();
  readonly membershipEnded$ = new Subject<MembershipEndedEvent>();
  readonly connect = jest.fn();
  readonly resume = jest.fn();
  readonly disconnect = jest.fn();
  readonly sendMessage = jest.fn();
  readonly markRead = jest.fn();
  readonly joinRoom = jest.fn().mockResolvedValue({ ok: true, conversationId: null, room: '' });
  readonly leaveRoom = jest.fn().mockResolvedValue({ ok: true });
  readonly typing = jest.fn().mockResolvedValue({ ok: true });
}

export function fakeMessagesApi() {
  return {
    send: jest.fn(),
    conversations: jest.fn(() => of(page<ConversationView>([]))),
    history: jest.fn(() => of(page<MessageView>([]))),
    markRead: jest.fn(),
    edit: jest.fn(),
    remove: jest.fn(),
    unreadCount: jest.fn(() => of({ total: 0 })),
    archive: jest.fn(),
    unarchive: jest.fn(),
    assign: jest.fn(),
  };
}

export function fakeUsersApi() {
  return { get: jest.fn(() => of({ id: PEER, name: 'Marc Dupont', role: 'garagiste', garageName: 'Garage Dupont' })) };
}

export function fakeBlocksApi() {
  return {
    list: jest.fn(() => of<BlockList>({ items: [] })),
    block: jest.fn(),
    unblock: jest.fn(() => of(undefined)),
  };
}

/** Lets pending promises and zero-delay observables settle. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** After the next animation frame's callbacks (where the timeline places its reader on opening). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * The chat's transports, faked: the socket, the messages API and the users API, and their
 * providers, for the test module and for the injectors SignedInScope makes (the socket is a
 * session's own).
 */
export function chatTransports() {
  const socket = new FakeChatSocket();
  const api = fakeMessagesApi();
  const users = fakeUsersApi();
  const blocks = fakeBlocksApi();
  const providers = [
    { provide: BlocksApi, useValue: blocks },
    { provide: ChatSocket, useValue: socket },
    { provide: MessagesApi, useValue: api },
    { provide: UsersApi, useValue: users },
    {
      provide: SIGNED_IN_PROVIDERS,
      useValue: (user: SignedInUser) => [...provideSignedIn(user), { provide: ChatSocket, useValue: socket }],
    },
  ];
  return { socket, api, users, blocks, providers };
}

/**
 * The chat session of ME (in that server-side session; a member of `garageId`'s garage when given)
 * and its stores over fake transports, provided by the test module as a signed-in session's
 * injector provides them; `session.start()` begins.
 */
export function setUpChat(sessionId = 'session-1', garageId?: string) {
  const { socket, api, users, blocks, providers } = chatTransports();
  TestBed.configureTestingModule({
    providers: [
      ...providers,
      { provide: SIGNED_IN_USER, useValue: { userId: ME, sessionId, ...(garageId ? { garageId } : {}) } },
      ...CHAT_SESSION_SERVICES,
    ],
  });
  return {
    session: TestBed.inject(ChatSession),
    conversations: TestBed.inject(ConversationsStore),
    thread: TestBed.inject(ThreadStore),
    typing: TestBed.inject(TypingStore),
    socket,
    api,
    users,
    blocks,
  };
}

/** ME's started session with the thread with PEER open on that history, for the parts of the chat window. */
export async function openThread(
  history = [message(1, PEER, ME), message(2, ME, PEER)],
  olderCursor: string | null = null,
  garageId?: string,
) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const chat = setUpChat('session-1', garageId);
  chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER)])));
  chat.api.history.mockReturnValueOnce(of(page(history, olderCursor)));
  chat.session.start();
  await flush();
  chat.thread.open(PEER);
  await flush();
  return chat;
}

/** The composer's field in a rendered component: typing into it, and pressing a key (Enter by default). */
export function composerField(fixture: ComponentFixture<unknown>) {
  const composer = (fixture.nativeElement as HTMLElement).querySelector('#chat-composer') as HTMLTextAreaElement;
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
  return { composer, type, press };
}
