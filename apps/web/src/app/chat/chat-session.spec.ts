import { HttpErrorResponse } from '@angular/common/http';
import { PendingTasks } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ConversationView, MessageView, Page } from '@promoto/shared-dto';
import { from, of, throwError } from 'rxjs';
import {
  CONVERSATION,
  ME,
  OTHER_PEER,
  PEER,
  conversation,
  flush,
  id,
  message,
  page,
  setUpChat,
} from '../../testing/chat-fakes';
import { Session } from '../core/auth/session';
import { TokenRefresher } from '../core/auth/token-refresher';
import { fr } from '../i18n/fr';

/** Sets up a store for ME with the thread with PEER open and its history loaded. */
async function openThreadWith(history: MessageView[] = [], nextCursor: string | null = null) {
  const setup = setUpChat();
  setup.api.history.mockReturnValueOnce(of(page(history, nextCursor)));
  setup.session.start();
  setup.thread.open(PEER);
  await flush();
  return setup;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ChatSession and its stores', () => {
  afterEach(() => TestBed.resetTestingModule());

  describe('starting and stopping', () => {
    it('loads conversations and the unread total, and connects the socket once the list is in', async () => {
      const { session, conversations, socket, api } = setUpChat();
      const list = deferred<Page<ConversationView>>();
      api.conversations.mockReturnValueOnce(from(list.promise));
      api.unreadCount.mockReturnValueOnce(of({ total: 2 }));

      session.start();
      await flush();
      expect(socket.connect).not.toHaveBeenCalled();
      expect(conversations.unreadTotal()).toBe(2);

      list.resolve(page([conversation(PEER, { unreadCount: 2 })]));
      await flush();
      expect(socket.connect).toHaveBeenCalledTimes(1);
      expect(conversations.conversations().map((item) => item.otherUser.id)).toEqual([PEER]);
    });

    it('connects the socket once the page’s pending requests are answered (the app is stable)', async () => {
      const { session, socket } = setUpChat();
      const removeTask = TestBed.inject(PendingTasks).add();
      session.start();
      await flush();
      expect(socket.connect).not.toHaveBeenCalled();

      removeTask();
      await flush();
      expect(socket.connect).toHaveBeenCalledTimes(1);
    });

    it('starts once per session', async () => {
      const { session, socket } = setUpChat();
      session.start();
      session.start();
      await flush();
      expect(socket.connect).toHaveBeenCalledTimes(1);
    });

    it('renews a token the socket server refuses and connects again with the new one', async () => {
      const { session, socket } = setUpChat();
      const refresh = jest.spyOn(TestBed.inject(TokenRefresher), 'refresh').mockResolvedValue('fresh-token');
      const expire = jest.spyOn(TestBed.inject(Session), 'expire').mockImplementation(() => undefined);
      session.start();
      socket.authRefused$.next({ code: 'TOKEN_EXPIRED', token: 'stale-token' });
      await flush();
      expect(refresh).toHaveBeenCalledWith('stale-token');
      expect(socket.connect).toHaveBeenCalledTimes(2);
      expect(expire).not.toHaveBeenCalled();
    });

    it('ends the session when the server refuses the renewed token too, or the renewal is refused', async () => {
      const { session, socket } = setUpChat();
      const refresher = TestBed.inject(TokenRefresher);
      const refresh = jest.spyOn(refresher, 'refresh').mockResolvedValue('fresh-token');
      const expire = jest.spyOn(TestBed.inject(Session), 'expire').mockImplementation(() => undefined);
      session.start();
      socket.authRefused$.next({ code: 'UNAUTHENTICATED', token: 'stale-token' });
      await flush();
      socket.authRefused$.next({ code: 'UNAUTHENTICATED', token: 'fresh-token' });
      await flush();
      expect(refresh).toHaveBeenCalledTimes(1);
      expect(expire).toHaveBeenCalledTimes(1);

      refresh.mockResolvedValue(null);
      socket.connected$.next();
      socket.authRefused$.next({ code: 'TOKEN_EXPIRED', token: 'fresh-token' });
      await flush();
      expect(socket.connect).toHaveBeenCalledTimes(2);
    });

    it('ends the session with the garage’s word when the garage removes the member', () => {
      const { session, socket } = setUpChat();
      const leave = jest.spyOn(TestBed.inject(Session), 'leaveGarage').mockImplementation(() => undefined);
      session.start();
      socket.membershipEnded$.next({ garageId: 'a'.repeat(24), message: 'Vous ne faites plus partie de l’équipe.' });
      expect(leave).toHaveBeenCalledWith('Vous ne faites plus partie de l’équipe.');
    });

    it('disconnects when its session’s injector is destroyed, ignoring answers that come later', async () => {
      const { session, conversations, socket, api } = setUpChat();
      const late = deferred<{ total: number }>();
      api.unreadCount.mockReturnValueOnce(from(late.promise));
      session.start();
      TestBed.resetTestingModule();
      late.resolve({ total: 7 });
      await flush();

      expect(socket.disconnect).toHaveBeenCalled();
      expect(conversations.unreadTotal()).toBe(0);
    });

    it('shows a French error when the conversations cannot be loaded', async () => {
      const { session, conversations, api } = setUpChat();
      api.conversations.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));
      session.start();
      await flush();

      expect(conversations.status()).toBe('error');
      expect(conversations.error()).toBe(fr.errors.unreachable);
    });
  });

  describe('optimistic sending', () => {
    it('shows my message at once as pending, then as sent when the server acknowledges it', async () => {
      const { thread, socket } = await openThreadWith();
      const ack = deferred<unknown>();
      socket.sendMessage.mockReturnValueOnce(ack.promise);

      thread.send('  Bonjour, ma Clio fait un bruit  ');

      const [pending] = thread.thread()?.messages ?? [];
      expect(pending).toMatchObject({ status: 'pending', id: null, content: 'Bonjour, ma Clio fait un bruit' });
      const request = socket.sendMessage.mock.calls[0][0];
      expect(request).toEqual({
        recipientId: PEER,
        content: 'Bonjour, ma Clio fait un bruit',
        clientMessageId: pending.clientMessageId,
      });
      expect(request.clientMessageId).toMatch(/^[0-9a-f]{32}$/);

      ack.resolve({
        ok: true,
        message: message(10, ME, PEER, { content: request.content, clientMessageId: request.clientMessageId }),
      });
      await flush();

      expect(thread.thread()?.messages).toHaveLength(1);
      expect(thread.thread()?.messages[0]).toMatchObject({ status: 'sent', id: id(10), key: pending.key });
    });

    it('links the message to the booking it is about', async () => {
      const { thread, socket } = await openThreadWith();
      socket.sendMessage.mockReturnValueOnce(new Promise(() => undefined));

      thread.send('La pièce est arrivée ?', 'b00000000000000000000001');

      expect(socket.sendMessage.mock.calls[0][0].appointmentId).toBe('b00000000000000000000001');
      expect(thread.thread()?.messages[0].appointmentId).toBe('b00000000000000000000001');
    });

    it('ignores a blank message', async () => {
      const { thread, socket } = await openThreadWith();
      thread.send('   \n ');
      expect(socket.sendMessage).not.toHaveBeenCalled();
      expect(thread.thread()?.messages).toEqual([]);
    });

    it('marks a refused message failed with a French reason; a retry reuses its clientMessageId and stores it once', async () => {
      const { thread, socket } = await openThreadWith();
      socket.sendMessage.mockResolvedValueOnce({
        ok: false,
        error: { code: 'SERVICE_UNAVAILABLE', message: 'database unavailable' },
      });

      thread.send('Bonjour');
      await flush();

      const [failed] = thread.thread()?.messages ?? [];
      expect(failed).toMatchObject({ status: 'failed', error: fr.errors.byCode.SERVICE_UNAVAILABLE });

      const firstId = socket.sendMessage.mock.calls[0][0].clientMessageId;
      socket.sendMessage.mockResolvedValueOnce({
        ok: true,
        message: message(11, ME, PEER, { content: 'Bonjour', clientMessageId: firstId }),
      });
      thread.retry(failed.key);
      expect(thread.thread()?.messages[0].status).toBe('pending');
      await flush();

      expect(socket.sendMessage.mock.calls[1][0].clientMessageId).toBe(firstId);
      expect(thread.thread()?.messages).toHaveLength(1);
      expect(thread.thread()?.messages[0]).toMatchObject({ status: 'sent', id: id(11) });
      expect(thread.thread()?.messages[0].error).toBeUndefined();
    });

    it('marks a message failed when the acknowledgement times out', async () => {
      const { thread, socket } = await openThreadWith();
      socket.sendMessage.mockRejectedValueOnce(new Error('operation has timed out'));
      thread.send('Bonjour');
      await flush();
      expect(thread.thread()?.messages[0]).toMatchObject({ status: 'failed', error: fr.errors.sendFailed });
    });

    it('keeps messages written without a connection pending, then sends them by themselves, in order, with their clientMessageIds', async () => {
      const { thread, socket, api } = await openThreadWith();
      socket.isConnected = false;
      api.send.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 0 })));

      thread.send('Premier');
      thread.send('Second');
      await flush();

      expect(socket.sendMessage).not.toHaveBeenCalled();
      const waiting = thread.thread()?.messages ?? [];
      expect(waiting.map((item) => [item.content, item.status])).toEqual([
        ['Premier', 'pending'],
        ['Second', 'pending'],
      ]);

      socket.isConnected = true;
      socket.sendMessage.mockImplementation(async (request: { clientMessageId: string; content: string }) => ({
        ok: true,
        message: message(request.content === 'Premier' ? 12 : 13, ME, PEER, request),
      }));
      api.history.mockReturnValueOnce(of(page([], null)));
      socket.connected$.next();
      await flush();

      expect(socket.sendMessage.mock.calls.map(([request]) => [request.content, request.clientMessageId])).toEqual([
        ['Premier', waiting[0].clientMessageId],
        ['Second', waiting[1].clientMessageId],
      ]);
      expect(thread.thread()?.messages.map((item) => [item.id, item.status])).toEqual([
        [id(12), 'sent'],
        [id(13), 'sent'],
      ]);
    });

    it('fails a message the server refuses, and « Réessayer » sends it again with the same clientMessageId', async () => {
      const { thread, socket, api } = await openThreadWith();
      socket.isConnected = false;
      api.send.mockReturnValueOnce(
        throwError(() => new HttpErrorResponse({ status: 503, error: { code: 'UNAVAILABLE', message: 'x' } })),
      );

      thread.send('Bonjour');
      await flush();

      const [failed] = thread.thread()?.messages ?? [];
      expect(failed).toMatchObject({ status: 'failed' });

      api.send.mockImplementationOnce((request: { clientMessageId: string }) =>
        of(message(12, ME, PEER, { content: 'Bonjour', clientMessageId: request.clientMessageId })),
      );
      thread.retry(failed.key);
      await flush();

      expect(api.send.mock.calls[1][0].clientMessageId).toBe(failed.clientMessageId);
      expect(thread.thread()?.messages).toEqual([expect.objectContaining({ status: 'sent', id: id(12) })]);
    });
  });

  describe('deduplication', () => {
    it('keeps one message when the new-message event arrives before the acknowledgement', async () => {
      const { thread, socket } = await openThreadWith([message(1, PEER, ME)]);
      const ack = deferred<unknown>();
      socket.sendMessage.mockReturnValueOnce(ack.promise);
      thread.send('Bonjour');
      const { clientMessageId } = socket.sendMessage.mock.calls[0][0];
      const stored = message(20, ME, PEER, { content: 'Bonjour', clientMessageId });

      socket.newMessage$.next(stored);
      expect(thread.thread()?.messages.map((item) => [item.id, item.status])).toEqual([
        [id(1), 'sent'],
        [id(20), 'sent'],
      ]);

      ack.resolve({ ok: true, message: stored });
      await flush();
      expect(thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(20)]);
    });

    it('keeps one message when the event arrives after the acknowledgement', async () => {
      const { thread, socket } = await openThreadWith();
      socket.sendMessage.mockImplementationOnce(async (request: { clientMessageId: string }) => ({
        ok: true,
        message: message(21, ME, PEER, { content: 'Bonjour', clientMessageId: request.clientMessageId }),
      }));
      thread.send('Bonjour');
      await flush();
      const { clientMessageId } = socket.sendMessage.mock.calls[0][0];

      socket.newMessage$.next(message(21, ME, PEER, { content: 'Bonjour', clientMessageId }));

      expect(thread.thread()?.messages).toHaveLength(1);
    });

    it('turns a message that failed but was stored after all into one sent message', async () => {
      const { thread, socket } = await openThreadWith();
      socket.sendMessage.mockRejectedValueOnce(new Error('socket has been disconnected'));
      thread.send('Bonjour');
      await flush();
      const { clientMessageId } = socket.sendMessage.mock.calls[0][0];
      expect(thread.thread()?.messages[0].status).toBe('failed');

      socket.newMessage$.next(message(22, ME, PEER, { content: 'Bonjour', clientMessageId }));

      expect(thread.thread()?.messages).toEqual([expect.objectContaining({ status: 'sent', id: id(22) })]);
    });

    it('does not take a message from someone else with my clientMessageId for mine', async () => {
      const { thread, socket } = await openThreadWith();
      socket.sendMessage.mockReturnValueOnce(new Promise(() => undefined));
      thread.send('Bonjour');
      const { clientMessageId } = socket.sendMessage.mock.calls[0][0];

      socket.newMessage$.next(message(23, PEER, ME, { clientMessageId }));

      expect(thread.thread()?.messages.map((item) => item.status)).toEqual(['sent', 'pending']);
    });

    it('shows a message sent from my other tab once', async () => {
      const { thread, socket } = await openThreadWith();
      const fromOtherTab = message(24, ME, PEER, { clientMessageId: 'other-tab-1' });
      socket.newMessage$.next(fromOtherTab);
      socket.newMessage$.next(fromOtherTab);
      expect(thread.thread()?.messages).toHaveLength(1);
    });
  });

  describe('history', () => {
    it('loads the newest page on open and older pages on demand, in chronological order', async () => {
      const { thread, api } = await openThreadWith([message(3, PEER, ME), message(4, ME, PEER)], id(3));
      expect(api.history).toHaveBeenCalledWith(PEER, { limit: 30 });
      api.history.mockReturnValueOnce(of(page([message(1, PEER, ME), message(2, ME, PEER)], null)));

      await thread.loadOlder();

      expect(api.history).toHaveBeenLastCalledWith(PEER, { before: id(3), limit: 30 });
      expect(thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2), id(3), id(4)]);
      expect(thread.thread()?.olderCursor).toBeNull();
    });

    it('keeps my messages on their way when the thread is reloaded', async () => {
      const { thread, socket, api } = await openThreadWith([message(1, PEER, ME)]);
      socket.sendMessage.mockReturnValueOnce(new Promise(() => undefined));
      thread.send('En route');
      api.history.mockReturnValueOnce(of(page([message(1, PEER, ME), message(2, PEER, ME)])));

      thread.reload();
      await flush();

      expect(thread.thread()?.messages.map((item) => item.id ?? item.status)).toEqual([id(1), id(2), 'pending']);
    });
  });

  describe('catch-up after a reconnection', () => {
    it('asks for what came after the last message it has, merges it without duplicates, and refreshes the list and badge', async () => {
      const { conversations, thread, socket, api } = await openThreadWith([message(1, PEER, ME), message(2, ME, PEER)]);
      // Message 3 came live before the connection dropped; 4 and 5 were missed.
      socket.newMessage$.next(message(3, PEER, ME));
      api.conversations.mockClear();
      api.unreadCount.mockClear();
      api.history
        .mockReturnValueOnce(of(page([message(4, PEER, ME)], id(4))))
        .mockReturnValueOnce(of(page([message(5, PEER, ME)], null)));
      api.unreadCount.mockReturnValueOnce(of({ total: 2 }));

      socket.connected$.next();
      await flush();

      expect(api.history).toHaveBeenNthCalledWith(2, PEER, { after: id(3), limit: 100 });
      expect(api.history).toHaveBeenNthCalledWith(3, PEER, { after: id(4), limit: 100 });
      expect(thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2), id(3), id(4), id(5)]);
      expect(api.conversations).toHaveBeenCalledTimes(1);
      expect(conversations.unreadTotal()).toBe(2);
      expect(socket.joinRoom).toHaveBeenLastCalledWith({ userId: PEER });
    });

    it('merges a message that arrives both live and in the catch-up page once', async () => {
      const { thread, socket, api } = await openThreadWith([message(1, PEER, ME)]);
      const catchUp = deferred<Page<MessageView>>();
      api.history.mockReturnValueOnce(from(catchUp.promise));
      socket.connected$.next();
      socket.newMessage$.next(message(3, PEER, ME));
      catchUp.resolve(page([message(2, PEER, ME), message(3, PEER, ME)]));
      await flush();

      expect(thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2), id(3)]);
    });

    it('reads a message missed while offline when the reloaded list arrives after the catch-up', async () => {
      const { session, thread, socket, api } = setUpChat();
      // Before the connection dropped, everything in the open thread was read.
      api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 0 })])));
      api.history.mockReturnValueOnce(of(page([message(1, PEER, ME)])));
      session.start();
      thread.open(PEER);
      await flush();
      socket.markRead.mockClear();
      socket.markRead.mockResolvedValue({
        ok: true,
        result: {
          conversationId: CONVERSATION,
          lastReadMessageId: id(2),
          readAt: '2030-01-01T10:00:00Z',
          unreadTotal: 0,
        },
      });
      const list = deferred<ReturnType<typeof page>>();
      api.conversations.mockReturnValueOnce(from(list.promise));
      api.history.mockReturnValueOnce(of(page([message(2, PEER, ME)], null)));

      socket.connected$.next();
      await flush();
      expect(socket.markRead).not.toHaveBeenCalled();
      list.resolve(page([conversation(PEER, { unreadCount: 1 })]));
      await flush();

      expect(socket.markRead).toHaveBeenCalledWith({ userId: PEER });
    });

    it('a connection that comes up while the thread’s first page loads waits for it, then asks only for what came after', async () => {
      const { session, conversations, thread, socket, api } = setUpChat();
      api.conversations
        .mockReturnValueOnce(of(page([conversation(PEER)])))
        .mockReturnValueOnce(of(page([conversation(PEER)])));
      const firstPage = deferred<Page<MessageView>>();
      api.history
        .mockReturnValueOnce(from(firstPage.promise))
        .mockReturnValueOnce(of(page([message(3, PEER, ME)], null)));
      session.start();
      thread.open(PEER);
      await flush();

      socket.connected$.next();
      await flush();
      expect(api.history).toHaveBeenCalledTimes(1);
      expect(conversations.status()).toBe('ready');
      firstPage.resolve(page([message(1, PEER, ME), message(2, ME, PEER)]));
      await flush();

      expect(api.history).toHaveBeenCalledTimes(2);
      expect(api.history).toHaveBeenLastCalledWith(PEER, { after: id(2), limit: 100 });
      expect(thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2), id(3)]);
    });

    it('leaves the list and the thread as they are when the connection finds nothing they do not show', async () => {
      const { session, conversations, thread, socket, api } = setUpChat();
      api.conversations.mockReturnValue(of(page([conversation(PEER), conversation(OTHER_PEER)])));
      api.history.mockReturnValueOnce(of(page([message(1, PEER, ME), message(2, ME, PEER)])));
      socket.joinRoom.mockResolvedValue({ ok: true, conversationId: CONVERSATION });
      session.start();
      thread.open(PEER);
      await flush();
      const shownList = conversations.conversations();
      const shownThread = thread.thread();

      socket.connected$.next();
      await flush();

      expect(api.conversations).toHaveBeenCalledTimes(2);
      expect(api.history).toHaveBeenLastCalledWith(PEER, { after: id(2), limit: 100 });
      expect(conversations.conversations()).toBe(shownList);
      expect(thread.thread()).toBe(shownThread);
    });

    it('reloads the newest page when the thread had no message yet', async () => {
      const { socket, api } = await openThreadWith([]);
      socket.connected$.next();
      await flush();
      expect(api.history).toHaveBeenLastCalledWith(PEER, { limit: 30 });
    });
  });

  describe('unread counts', () => {
    it("follows conversation-updated: the list is re-sorted, newest first, and the badge adds the conversation's unread change", async () => {
      const { session, conversations, api, socket } = setUpChat();
      api.conversations.mockReturnValueOnce(
        of(
          page([
            conversation(OTHER_PEER, { updatedAt: '2030-01-02T10:00:00.000Z' }),
            conversation(PEER, { updatedAt: '2030-01-01T10:00:00.000Z' }),
          ]),
        ),
      );
      session.start();
      await flush();

      socket.conversationUpdated$.next({
        conversation: conversation(PEER, {
          unreadCount: 1,
          updatedAt: '2030-01-03T10:00:00.000Z',
          lastMessage: {
            id: id(9),
            senderId: PEER,
            content: 'Votre voiture est prête',
            createdAt: '2030-01-03T10:00:00.000Z',
          },
        }),
      });

      expect(conversations.conversations().map((item) => [item.otherUser.id, item.unreadCount])).toEqual([
        [PEER, 1],
        [OTHER_PEER, 0],
      ]);
      expect(conversations.unreadTotal()).toBe(1);

      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 3 }) });
      expect(conversations.unreadTotal()).toBe(3);
      // The same state again (another tab's change that did not move it) adds nothing.
      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 3 }) });
      expect(conversations.unreadTotal()).toBe(3);
    });

    it('asks the total again for a conversation it has not seen, and takes the total a read gives', async () => {
      const { session, conversations, api, socket } = setUpChat();
      api.conversations.mockReturnValueOnce(of(page([conversation(OTHER_PEER, { unreadCount: 2 })])));
      api.unreadCount.mockReturnValueOnce(of({ total: 2 }));
      session.start();
      await flush();
      expect(conversations.unreadTotal()).toBe(2);

      // Beyond the list's first page: its earlier count is not known here, the API's total is.
      api.unreadCount.mockReturnValueOnce(of({ total: 7 }));
      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 5 }) });
      await flush();
      expect(api.unreadCount).toHaveBeenCalledTimes(2);
      expect(conversations.unreadTotal()).toBe(7);

      // Seen from then on: its next message moves the badge by its own change.
      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 6 }) });
      expect(conversations.unreadTotal()).toBe(8);
      expect(api.unreadCount).toHaveBeenCalledTimes(2);

      // A read in another tab carries the total.
      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 0 }), unreadTotal: 2 });
      expect(conversations.unreadTotal()).toBe(2);
    });

    it('marks a conversation read when it is opened, which clears its badge', async () => {
      const { session, conversations, thread, api, socket } = setUpChat();
      api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 2 })])));
      api.unreadCount.mockReturnValueOnce(of({ total: 3 }));
      api.history.mockReturnValueOnce(of(page([message(1, PEER, ME), message(2, PEER, ME)])));
      socket.markRead.mockResolvedValueOnce({
        ok: true,
        result: {
          conversationId: CONVERSATION,
          lastReadMessageId: id(2),
          readAt: '2030-01-01T10:00:00Z',
          unreadTotal: 1,
        },
      });
      session.start();
      await flush();

      thread.open(PEER);
      await flush();

      expect(socket.markRead).toHaveBeenCalledWith({ userId: PEER });
      expect(conversations.unreadTotal()).toBe(1);
      expect(conversations.conversations()[0].unreadCount).toBe(0);
    });

    it('reads at once a message that arrives in the open thread', async () => {
      const { conversations, socket } = await openThreadWith([message(1, PEER, ME)]);
      socket.markRead.mockResolvedValue({
        ok: true,
        result: {
          conversationId: CONVERSATION,
          lastReadMessageId: id(2),
          readAt: '2030-01-01T10:00:00Z',
          unreadTotal: 0,
        },
      });

      socket.newMessage$.next(message(2, PEER, ME));
      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 1 }) });
      await flush();

      expect(socket.markRead).toHaveBeenCalledWith({ userId: PEER });
      expect(conversations.unreadTotal()).toBe(0);
    });

    it('does not read messages once the thread is closed', async () => {
      const { conversations, thread, socket, api } = await openThreadWith([message(1, PEER, ME)]);
      thread.close();
      socket.markRead.mockClear();

      // Not in the (empty) list: the badge asks the API, which counted the message.
      api.unreadCount.mockReturnValueOnce(of({ total: 1 }));
      socket.conversationUpdated$.next({ conversation: conversation(PEER, { unreadCount: 1 }) });
      await flush();

      expect(socket.markRead).not.toHaveBeenCalled();
      expect(conversations.unreadTotal()).toBe(1);
      expect(socket.leaveRoom).toHaveBeenCalledWith({ userId: PEER });
    });
  });

  describe('read ticks and typing', () => {
    it('takes the read watermark from messages-read events, never moving it back', async () => {
      const { thread, socket } = await openThreadWith([message(1, ME, PEER), message(2, ME, PEER)]);
      socket.messagesRead$.next({ conversationId: CONVERSATION, readerId: PEER, lastReadMessageId: id(2), readAt: '' });
      socket.messagesRead$.next({ conversationId: CONVERSATION, readerId: PEER, lastReadMessageId: id(1), readAt: '' });
      socket.messagesRead$.next({ conversationId: CONVERSATION, readerId: ME, lastReadMessageId: id(5), readAt: '' });
      expect(thread.peerReadUpTo()).toBe(id(2));
    });

    it('shows the other person typing, and forgets it after a few seconds', async () => {
      const { thread, socket } = await openThreadWith([message(1, PEER, ME)]);
      jest.useFakeTimers();
      try {
        socket.typing$.next({ conversationId: CONVERSATION, userId: PEER, isTyping: true });
        expect(thread.peerTyping()).toBe(true);
        jest.advanceTimersByTime(6_000);
        expect(thread.peerTyping()).toBe(false);
      } finally {
        jest.useRealTimers();
      }
    });

    it('tells the other side I am typing, at most every few seconds, and that I stopped when I send', async () => {
      const { thread, typing, socket } = await openThreadWith([message(1, PEER, ME)]);
      socket.sendMessage.mockReturnValue(new Promise(() => undefined));
      typing.notify(PEER);
      typing.notify(PEER);
      expect(socket.typing).toHaveBeenCalledTimes(1);
      expect(socket.typing).toHaveBeenCalledWith({ recipientId: PEER, isTyping: true });

      thread.send('Bonjour');
      expect(socket.typing).toHaveBeenLastCalledWith({ recipientId: PEER, isTyping: false });
    });
  });
});
