import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { ConversationParticipant, ConversationView, Page } from '@promoto/shared-dto';
import { Subject, of, throwError } from 'rxjs';
import { CONVERSATION, ME, PEER, conversation, flush, id, message, page, setUpChat } from '../../testing/chat-fakes';
import { fr } from '../i18n/fr';
import { Drafts } from './drafts';

/** Lets the resources' effects run (the app's ticks) and what they asked for answer. */
async function settle(): Promise<void> {
  await flush();
  TestBed.tick();
  await flush();
}

/** A garage member's id, by which a client may open the garage's thread (the guide's route). */
const MEMBER = 'a00000000000000000000009';
const MEMBER_PROFILE: ConversationParticipant = {
  id: MEMBER,
  name: 'Léa',
  role: 'garagiste',
  garageName: 'Garage Dupont',
  garageId: PEER,
};

/** A client's thread opened by MEMBER with these conversations listed: the profile in, the newest page on its way. */
async function openByMember(list: ConversationView[]) {
  const chat = setUpChat();
  chat.api.conversations.mockReturnValue(of(page(list)));
  const newest = new Subject<Page<ReturnType<typeof message>>>();
  chat.api.history.mockReturnValueOnce(newest);
  chat.users.get.mockReturnValueOnce(of(MEMBER_PROFILE));
  chat.socket.markRead.mockResolvedValue(READ);
  chat.session.start();
  await flush();
  chat.thread.open(MEMBER);
  await settle();
  return { ...chat, newest };
}

const READ = {
  ok: true,
  result: { conversationId: CONVERSATION, lastReadMessageId: id(3), readAt: '2030-01-01T10:00:00Z', unreadTotal: 0 },
};

describe('ThreadStore: the window features', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  describe('who the thread is with', () => {
    it('waits for the conversation list before asking for a profile, and asks none when the list names them', async () => {
      const chat = setUpChat();
      const list = new Subject<Page<ConversationView>>();
      chat.api.conversations.mockReturnValueOnce(list);
      chat.api.history.mockReturnValueOnce(of(page([message(1, PEER, ME)])));
      chat.session.start();
      chat.thread.open(PEER);
      await settle();

      expect(chat.users.get).not.toHaveBeenCalled();
      list.next(page([conversation(PEER)]));
      list.complete();
      await settle();

      expect(chat.users.get).not.toHaveBeenCalled();
      expect(chat.thread.peer()?.id).toBe(PEER);
    });

    it('asks for the profile of someone the list does not name, once the list is in', async () => {
      const chat = setUpChat();
      const list = new Subject<Page<ConversationView>>();
      chat.api.conversations.mockReturnValueOnce(list);
      chat.api.history.mockReturnValueOnce(of(page([])));
      chat.session.start();
      chat.thread.open(PEER);
      await settle();

      list.next(page([]));
      list.complete();
      await settle();

      expect(chat.users.get).toHaveBeenCalledTimes(1);
      expect(chat.users.get).toHaveBeenCalledWith(PEER);
      expect(chat.thread.peer()?.name).toBe('Marc Dupont');
    });

    it('asks for the profile when the list could not be loaded', async () => {
      const chat = setUpChat();
      chat.api.conversations.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));
      chat.api.history.mockReturnValueOnce(of(page([])));
      chat.session.start();
      chat.thread.open(PEER);
      await settle();

      expect(chat.users.get).toHaveBeenCalledWith(PEER);
      expect(chat.thread.peer()?.name).toBe('Marc Dupont');
    });
  });

  describe('the « Nouveaux messages » divider', () => {
    it('is fixed before the first message that was unread when the thread opened', async () => {
      const chat = setUpChat();
      chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 2 })])));
      chat.api.history.mockReturnValueOnce(
        of(page([message(1, PEER, ME), message(2, ME, PEER), message(3, PEER, ME), message(4, PEER, ME)])),
      );
      chat.socket.markRead.mockResolvedValue(READ);
      chat.session.start();
      await flush();
      chat.thread.open(PEER);
      await flush();

      expect(chat.thread.thread()?.firstUnreadKey).toBe(id(3));
      expect(chat.socket.markRead).toHaveBeenCalled();
      // Read now, and a new message arrives: the divider stays where the unread part began.
      chat.socket.newMessage$.next(message(5, PEER, ME));
      expect(chat.thread.thread()?.firstUnreadKey).toBe(id(3));
    });

    it('waits for the conversation list to know how many were unread before marking them read', async () => {
      const chat = setUpChat();
      const list = new Subject<Page<ConversationView>>();
      chat.api.conversations.mockReturnValueOnce(list);
      chat.api.history.mockReturnValueOnce(of(page([message(1, ME, PEER), message(2, PEER, ME)])));
      chat.socket.markRead.mockResolvedValue(READ);
      chat.session.start();
      chat.thread.open(PEER);
      await flush();

      expect(chat.thread.thread()?.firstUnreadKey).toBeUndefined();
      expect(chat.socket.markRead).not.toHaveBeenCalled();
      list.next(page([conversation(PEER, { unreadCount: 1 })]));
      list.complete();
      await flush();

      expect(chat.thread.thread()?.firstUnreadKey).toBe(id(2));
      expect(chat.socket.markRead).toHaveBeenCalledWith({ userId: PEER });
    });

    it('loads older pages until the first unread message is in, then marks read', async () => {
      const chat = setUpChat();
      chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 3 })])));
      chat.api.history
        .mockReturnValueOnce(of(page([message(4, PEER, ME), message(5, PEER, ME)], id(4))))
        .mockReturnValueOnce(of(page([message(2, ME, PEER), message(3, PEER, ME)], null)));
      chat.socket.markRead.mockResolvedValue(READ);
      chat.session.start();
      await flush();
      chat.thread.open(PEER);
      await flush();
      await flush();

      expect(chat.api.history).toHaveBeenLastCalledWith(PEER, { before: id(4), limit: 30 });
      expect(chat.thread.thread()?.messages.map((item) => item.id)).toEqual([id(2), id(3), id(4), id(5)]);
      expect(chat.thread.thread()?.firstUnreadKey).toBe(id(3));
      expect(chat.socket.markRead).toHaveBeenCalledTimes(1);
    });

    it('is absent when I answer before the conversation list said how many were unread', async () => {
      const chat = setUpChat();
      const list = new Subject<Page<ConversationView>>();
      chat.api.conversations.mockReturnValueOnce(list);
      chat.api.history.mockReturnValueOnce(of(page([message(1, PEER, ME), message(2, PEER, ME)])));
      chat.socket.sendMessage.mockReturnValue(new Promise(() => undefined));
      chat.socket.markRead.mockResolvedValue(READ);
      chat.session.start();
      chat.thread.open(PEER);
      await flush();

      chat.thread.send('Bonjour, je regarde ça.');
      list.next(page([conversation(PEER, { unreadCount: 2 })]));
      list.complete();
      await flush();

      expect(chat.thread.thread()?.firstUnreadKey).toBeNull();
      expect(chat.socket.markRead).toHaveBeenCalledWith({ userId: PEER });
    });

    it("is placed, and the thread read, under the garage's id when a client opened it by a member's", async () => {
      const chat = setUpChat();
      chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { unreadCount: 2 })])));
      const thread = [message(1, PEER, ME), message(2, ME, PEER), message(3, PEER, ME), message(4, PEER, ME)];
      chat.api.history.mockReturnValueOnce(of(page(thread)));
      const profile = new Subject<ConversationParticipant>();
      chat.users.get.mockReturnValueOnce(profile);
      chat.socket.markRead.mockResolvedValue(READ);
      chat.session.start();
      await flush();
      chat.thread.open(MEMBER);
      await flush();

      // Who the member's id names is not known yet, then it is the garage's: nothing is read.
      expect(chat.socket.markRead).not.toHaveBeenCalled();
      profile.next(MEMBER_PROFILE);
      profile.complete();
      await flush();
      expect(chat.socket.markRead).not.toHaveBeenCalled();
      expect(chat.thread.thread()?.firstUnreadKey).toBeUndefined();

      chat.thread.open(PEER);
      await flush();
      expect(chat.thread.thread()?.firstUnreadKey).toBe(id(3));
      expect(chat.socket.markRead).toHaveBeenCalledWith({ userId: PEER });
      // The page loaded under the member's id is the garage's: not asked for again, the room kept.
      expect(chat.api.history).toHaveBeenCalledTimes(1);
      expect(chat.thread.thread()?.peerId).toBe(PEER);
      expect(chat.thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2), id(3), id(4)]);
      expect(chat.socket.leaveRoom).not.toHaveBeenCalled();
      expect(chat.socket.joinRoom).toHaveBeenCalledTimes(1);
    });

    it("lands the newest page asked for by a member's id in the garage's thread when it answers after the move", async () => {
      const chat = await openByMember([conversation(PEER, { unreadCount: 1 })]);

      chat.thread.open(PEER);
      expect(chat.thread.thread()).toMatchObject({ peerId: PEER, status: 'loading' });
      chat.newest.next(page([message(1, ME, PEER), message(2, PEER, ME)]));
      chat.newest.complete();
      await flush();

      expect(chat.api.history).toHaveBeenCalledTimes(1);
      expect(chat.thread.thread()).toMatchObject({ peerId: PEER, status: 'ready', firstUnreadKey: id(2) });
      expect(chat.socket.markRead).toHaveBeenCalledWith({ userId: PEER });
    });

    it("moves what I began writing under the member's id to the garage's thread", async () => {
      const chat = await openByMember([conversation(PEER)]);
      const drafts = TestBed.inject(Drafts);
      drafts.set(MEMBER, 'Bonjour, ma Clio fait un bruit');

      chat.thread.open(PEER);

      expect(drafts.get(PEER)).toBe('Bonjour, ma Clio fait un bruit');
      expect(drafts.get(MEMBER)).toBe('');
    });

    it("catches up in the garage's thread when the socket connects while the member's newest page is on its way", async () => {
      const chat = await openByMember([conversation(PEER)]);
      chat.api.history.mockReturnValueOnce(of(page([message(3, PEER, ME)])));

      // The socket connects (ChatSession.onConnected), then the page moves to the garage's id.
      chat.thread.resume();
      chat.thread.open(PEER);
      chat.newest.next(page([message(1, ME, PEER), message(2, PEER, ME)]));
      chat.newest.complete();
      await flush();
      await flush();

      expect(chat.api.history).toHaveBeenCalledTimes(2);
      expect(chat.api.history).toHaveBeenLastCalledWith(PEER, { after: id(2), limit: expect.any(Number) });
      expect(chat.thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2), id(3)]);
    });

    it('is absent when nothing was unread', async () => {
      const chat = setUpChat();
      chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER)])));
      chat.api.history.mockReturnValueOnce(of(page([message(1, PEER, ME)])));
      chat.session.start();
      await flush();
      chat.thread.open(PEER);
      await flush();

      expect(chat.thread.thread()?.firstUnreadKey).toBeNull();
    });
  });

  describe('editing and deleting my messages', () => {
    async function withThread() {
      const chat = setUpChat();
      chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER)])));
      chat.api.history.mockReturnValueOnce(of(page([message(1, ME, PEER), message(2, PEER, ME)])));
      chat.session.start();
      await flush();
      chat.thread.open(PEER);
      await flush();
      return chat;
    }

    it('edits over REST and shows the edited content with its editedAt', async () => {
      const chat = await withThread();
      const editedAt = '2030-01-01T09:05:00.000Z';
      chat.api.edit.mockReturnValueOnce(of(message(1, ME, PEER, { content: 'Plutôt 10 h', editedAt })));

      await chat.thread.edit(id(1), '  Plutôt 10 h ');

      expect(chat.api.edit).toHaveBeenCalledWith(id(1), 'Plutôt 10 h');
      expect(chat.thread.thread()?.messages[0]).toMatchObject({ content: 'Plutôt 10 h', editedAt });
    });

    it('deletes over REST and keeps the message in place, empty and marked deleted', async () => {
      const chat = await withThread();
      const deletedAt = '2030-01-01T09:06:00.000Z';
      chat.api.remove.mockReturnValueOnce(of(message(1, ME, PEER, { content: '', deletedAt })));

      await chat.thread.remove(id(1));

      expect(chat.api.remove).toHaveBeenCalledWith(id(1));
      expect(chat.thread.thread()?.messages.map((item) => item.id)).toEqual([id(1), id(2)]);
      expect(chat.thread.thread()?.messages[0]).toMatchObject({ content: '', deletedAt });
    });

    it("never asks to edit or delete the other person's message", async () => {
      const chat = await withThread();
      await chat.thread.edit(id(2), 'Non');
      await chat.thread.remove(id(2));
      expect(chat.api.edit).not.toHaveBeenCalled();
      expect(chat.api.remove).not.toHaveBeenCalled();
    });

    it('says why an edit was refused after the 15 minutes', async () => {
      const chat = await withThread();
      chat.api.edit.mockReturnValueOnce(
        throwError(
          () =>
            new HttpErrorResponse({
              status: 409,
              error: { statusCode: 409, code: 'EDIT_WINDOW_PASSED', message: 'too late' },
            }),
        ),
      );
      await chat.thread.edit(id(1), 'Trop tard');
      expect(chat.thread.error()).toBe(fr.errors.byCode.EDIT_WINDOW_PASSED);
      expect(chat.thread.thread()?.messages[0].content).toBe('message 1');
    });

    it('follows message-updated live, for a message it shows only', async () => {
      const chat = await withThread();
      chat.socket.messageUpdated$.next(message(2, PEER, ME, { content: '', deletedAt: '2030-01-01T09:10:00.000Z' }));
      chat.socket.messageUpdated$.next(
        message(9, PEER, ME, { content: 'ailleurs', editedAt: '2030-01-01T09:10:00.000Z' }),
      );

      expect(chat.thread.thread()?.messages.map((item) => [item.id, item.content, !!item.deletedAt])).toEqual([
        [id(1), 'message 1', false],
        [id(2), '', true],
      ]);
    });
  });

  describe('drafts', () => {
    afterEach(() => localStorage.clear());

    it('keeps a draft per person and user, and forgets an emptied one', async () => {
      const chat = setUpChat();
      const drafts = TestBed.inject(Drafts);
      chat.session.start();
      drafts.set(PEER, 'Bonjour, je voulais');
      drafts.set('a00000000000000000000009', 'Autre');

      expect(drafts.get(PEER)).toBe('Bonjour, je voulais');
      expect(drafts.get('a00000000000000000000009')).toBe('Autre');
      expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBe('Bonjour, je voulais');
      drafts.set(PEER, '   ');
      expect(drafts.get(PEER)).toBe('');
      expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBeNull();
    });
  });
});
