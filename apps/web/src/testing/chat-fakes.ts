import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type {
  ConversationUpdatedEvent,
  ConversationView,
  MessageView,
  MessagesReadEvent,
  Page,
  TypingEvent,
} from '@promoto/shared-dto';
import { Subject, of } from 'rxjs';
import { ChatSession } from '../app/chat/chat-session';
import { ConversationsStore } from '../app/chat/conversations.store';
import { ThreadStore } from '../app/chat/thread.store';
import { TypingStore } from '../app/chat/typing.store';
import { MessagesApi } from '../app/core/api/messages-api';
import { UsersApi } from '../app/core/api/users-api';
import { ChatSocket, type ConnectionState } from '../app/core/realtime/chat-socket';

export const ME = 'a00000000000000000000001';
export const PEER = 'a00000000000000000000002';
export const OTHER_PEER = 'a00000000000000000000003';
export const CONVERSATION = 'c00000000000000000000001';

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
  readonly authRefused$ = new Subject<string>();
  readonly newMessage$ = new Subject<MessageView>();
  readonly messagesRead$ = new Subject<MessagesReadEvent>();
  readonly typing$ = new Subject<TypingEvent>();
  readonly conversationUpdated$ = new Subject<ConversationUpdatedEvent>();
  readonly messageUpdated$ = new Subject<MessageView>();
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
  };
}

export function fakeUsersApi() {
  return { get: jest.fn(() => of({ id: PEER, name: 'Marc Dupont', role: 'garagiste', garageName: 'Garage Dupont' })) };
}

/** Lets pending promises and zero-delay observables settle. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The chat session and its stores over fake transports; `session.start(ME, …)` begins. */
export function setUpChat() {
  const socket = new FakeChatSocket();
  const api = fakeMessagesApi();
  const users = fakeUsersApi();
  TestBed.configureTestingModule({
    providers: [
      { provide: ChatSocket, useValue: socket },
      { provide: MessagesApi, useValue: api },
      { provide: UsersApi, useValue: users },
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
  };
}
