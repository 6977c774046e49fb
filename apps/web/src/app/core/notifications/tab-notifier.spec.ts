import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router } from '@angular/router';
import type { ConversationView, MessageView } from '@promoto/shared-dto';
import { Subject } from 'rxjs';
import { ConversationsStore } from '../../chat/conversations.store';
import { Session } from '../auth/session';
import { ChatSocket } from '../realtime/chat-socket';
import { TabNotifier } from './tab-notifier';

const ME = '65a1b2c3d4e5f60718293a4b';
const GARAGE_OWNER = '65a1b2c3d4e5f60718293a4c';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  close = jest.fn();
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

function message(content: string): MessageView {
  return {
    id: '65a1b2c3d4e5f60718293a50',
    conversationId: '65a1b2c3d4e5f60718293a51',
    senderId: GARAGE_OWNER,
    recipientId: ME,
    content,
    createdAt: new Date().toISOString(),
  } as MessageView;
}

describe('TabNotifier', () => {
  const unreadTotal = signal(0);
  const newMessage$ = new Subject<MessageView>();
  const setAppBadge = jest.fn((count: number) => Promise.resolve(count));
  const clearAppBadge = jest.fn(() => Promise.resolve());
  let title: Title;

  beforeEach(() => {
    FakeNotification.shown = [];
    FakeNotification.permission = 'granted';
    Object.defineProperty(window, 'Notification', { configurable: true, value: FakeNotification });
    setAppBadge.mockClear();
    clearAppBadge.mockClear();
    Object.assign(navigator, { setAppBadge, clearAppBadge });
    setVisibility('visible');
    unreadTotal.set(0);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: ConversationsStore,
          useValue: {
            unreadTotal,
            conversations: signal([
              { otherUser: { id: GARAGE_OWNER, name: 'Marc', role: 'garagiste', garageName: 'Garage du Lac' } },
            ] as ConversationView[]),
          },
        },
        { provide: ChatSocket, useValue: { newMessage$ } },
        { provide: Session, useValue: { user: signal({ id: ME, role: 'client', name: 'Camille' }) } },
        TabNotifier,
      ],
    });
    title = TestBed.inject(Title);
    title.setTitle('Mes rendez-vous · Promoto');
    TestBed.inject(TabNotifier);
    TestBed.tick();
  });

  afterEach(() => {
    setVisibility('visible');
    TestBed.resetTestingModule();
  });

  it('shows the unread total in the title while the tab is hidden, and gives the page its title back', () => {
    unreadTotal.set(3);
    TestBed.tick();
    expect(title.getTitle()).toBe('Mes rendez-vous · Promoto');

    setVisibility('hidden');
    TestBed.tick();
    expect(title.getTitle()).toBe('(3) Messages — Promoto');
    unreadTotal.set(4);
    TestBed.tick();
    expect(title.getTitle()).toBe('(4) Messages — Promoto');

    setVisibility('visible');
    TestBed.tick();
    expect(title.getTitle()).toBe('Mes rendez-vous · Promoto');
  });

  it('shows the unread total on the app’s icon (Badging API), and clears it when the session ends', () => {
    unreadTotal.set(2);
    TestBed.tick();
    expect(setAppBadge).toHaveBeenLastCalledWith(2);
    unreadTotal.set(0);
    TestBed.tick();
    expect(clearAppBadge).toHaveBeenCalledTimes(2);

    unreadTotal.set(5);
    TestBed.tick();
    TestBed.resetTestingModule();
    expect(setAppBadge).toHaveBeenLastCalledWith(5);
    expect(clearAppBadge).toHaveBeenCalledTimes(3);
  });

  it('shows a notification per message received while hidden, when permitted, that opens the thread', () => {
    newMessage$.next(message('Visible: no notification'));
    setVisibility('hidden');
    newMessage$.next(message('Votre voiture est prête'));
    expect(FakeNotification.shown.map((shown) => [shown.title, shown.options.body])).toEqual([
      ['Garage du Lac', 'Votre voiture est prête'],
    ]);

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const focus = jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    FakeNotification.shown[0].onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/app/messages'], { queryParams: { user: GARAGE_OWNER } });
    expect(FakeNotification.shown[0].close).toHaveBeenCalled();

    FakeNotification.permission = 'default';
    newMessage$.next(message('Sans permission'));
    expect(FakeNotification.shown).toHaveLength(1);
  });
});
