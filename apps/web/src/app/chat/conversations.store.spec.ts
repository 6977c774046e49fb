import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { ConversationView, Page } from '@promoto/shared-dto';
import { Subject, of, throwError } from 'rxjs';
import { ME, OTHER_PEER, PEER, conversation, flush, page, setUpChat } from '../../testing/chat-fakes';
import { fr } from '../i18n/fr';

const THIRD_PEER = 'a00000000000000000000004';

/** A conversation with someone, last active at that hour of 2030-01-01. */
function at(peerId: string, hour: number, extra: Partial<ConversationView> = {}): ConversationView {
  return conversation(peerId, { updatedAt: new Date(Date.UTC(2030, 0, 1, hour)).toISOString(), ...extra });
}

/** The store for ME, its inbox loaded with these conversations. */
async function withInbox(items: ConversationView[], nextCursor: string | null = null) {
  const setup = setUpChat();
  setup.api.conversations.mockReturnValueOnce(of(page(items, nextCursor)));
  setup.session.start();
  await flush();
  return setup;
}

const peers = (items: readonly ConversationView[]) => items.map((item) => item.otherUser.id);

describe('ConversationsStore folders (archive)', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('lists the inbox by default, asking the API without a folder', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9)]);
    expect(conversations.folder()).toBe('inbox');
    expect(api.conversations).toHaveBeenCalledWith({ limit: 20 });
    expect(peers(conversations.conversations())).toEqual([PEER]);
  });

  it('lists « Archivées » from its own first page, and pages it with its own cursor', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9)], 'inbox-cursor');
    api.conversations.mockReturnValueOnce(of(page([at(OTHER_PEER, 8, { archived: true })], 'archived-cursor')));

    await conversations.showFolder('archived');

    expect(api.conversations).toHaveBeenLastCalledWith({ limit: 20, folder: 'archived' });
    expect(conversations.folder()).toBe('archived');
    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);

    api.conversations.mockReturnValueOnce(of(page([at(THIRD_PEER, 7, { archived: true })])));
    await conversations.loadMore();
    expect(api.conversations).toHaveBeenLastCalledWith({ limit: 20, folder: 'archived', cursor: 'archived-cursor' });
    expect(peers(conversations.conversations())).toEqual([OTHER_PEER, THIRD_PEER]);
    expect(conversations.hasMore()).toBe(false);

    api.conversations.mockReturnValueOnce(of(page([at(PEER, 9)], 'inbox-cursor')));
    await conversations.showFolder('inbox');
    expect(api.conversations).toHaveBeenLastCalledWith({ limit: 20 });
    expect(peers(conversations.conversations())).toEqual([PEER]);
  });

  it('drops a page that comes back after the folder changed', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9)]);
    const late = new Subject<Page<ConversationView>>();
    api.conversations.mockReturnValueOnce(late);
    const archived = conversations.showFolder('archived');
    api.conversations.mockReturnValueOnce(of(page([at(PEER, 9)])));
    await conversations.showFolder('inbox');

    late.next(page([at(OTHER_PEER, 8, { archived: true })]));
    late.complete();
    await archived;

    expect(conversations.folder()).toBe('inbox');
    expect(peers(conversations.conversations())).toEqual([PEER]);
    expect(conversations.status()).toBe('ready');
  });

  it('takes a conversation archived in another tab out of the inbox, and puts it in « Archivées » in activity order', async () => {
    const { conversations, socket, api } = await withInbox([at(PEER, 9), at(OTHER_PEER, 8)]);

    socket.conversationUpdated$.next({ conversation: at(PEER, 9, { archived: true }) });
    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);
    expect(conversations.archivedWith(PEER)).toBe(true);

    api.conversations.mockReturnValueOnce(of(page([at(THIRD_PEER, 10, { archived: true })])));
    await conversations.showFolder('archived');
    socket.conversationUpdated$.next({ conversation: at(OTHER_PEER, 8, { archived: true }) });
    socket.conversationUpdated$.next({ conversation: at(PEER, 9, { archived: true }) });
    expect(peers(conversations.conversations())).toEqual([THIRD_PEER, PEER, OTHER_PEER]);
  });

  it('brings an archived conversation back to the inbox, on top, when a new message arrives', async () => {
    const { conversations, socket } = await withInbox([at(OTHER_PEER, 8)]);
    socket.conversationUpdated$.next({ conversation: at(PEER, 7, { archived: true }) });
    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);

    socket.conversationUpdated$.next({
      conversation: at(PEER, 11, { archived: false, unreadCount: 1 }),
    });

    expect(peers(conversations.conversations())).toEqual([PEER, OTHER_PEER]);
    expect(conversations.conversations()[0].unreadCount).toBe(1);
    expect(conversations.unreadTotal()).toBe(1);
    expect(conversations.archivedWith(PEER)).toBe(false);
  });

  it('takes a conversation that got a new message out of « Archivées »', async () => {
    const { conversations, socket, api } = await withInbox([]);
    api.conversations.mockReturnValueOnce(
      of(page([at(PEER, 9, { archived: true }), at(OTHER_PEER, 8, { archived: true })])),
    );
    await conversations.showFolder('archived');

    socket.conversationUpdated$.next({ conversation: at(PEER, 12, { archived: false, unreadCount: 1 }) });

    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);
  });

  it('archives through the API and moves the conversation out of the inbox at once', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9), at(OTHER_PEER, 8)]);
    api.archive.mockReturnValueOnce(of(at(PEER, 9, { archived: true })));

    await expect(conversations.setArchived(PEER, true)).resolves.toBeNull();

    expect(api.archive).toHaveBeenCalledWith(PEER);
    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);
    expect(conversations.archivedWith(PEER)).toBe(true);
  });

  it('puts a conversation back in the inbox through the API', async () => {
    const { conversations, api } = await withInbox([]);
    api.conversations.mockReturnValueOnce(of(page([at(PEER, 9, { archived: true })])));
    await conversations.showFolder('archived');
    api.unarchive.mockReturnValueOnce(of(at(PEER, 9)));

    await expect(conversations.setArchived(PEER, false)).resolves.toBeNull();

    expect(api.unarchive).toHaveBeenCalledWith(PEER);
    expect(conversations.conversations()).toEqual([]);
    expect(conversations.archivedWith(PEER)).toBe(false);
  });

  it('keeps a conversation archived when a list page asked for before the archiving comes back after it', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9), at(OTHER_PEER, 8)]);
    const late = new Subject<Page<ConversationView>>();
    api.conversations.mockReturnValueOnce(late);
    const reloaded = conversations.load();
    api.archive.mockReturnValueOnce(of(at(PEER, 9, { archived: true })));
    await conversations.setArchived(PEER, true);

    // Written by the API before the archiving: PEER still in the inbox, and a newer message from OTHER_PEER.
    late.next(page([at(PEER, 9), at(OTHER_PEER, 11, { unreadCount: 1 })]));
    late.complete();
    await reloaded;

    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);
    expect(conversations.conversations()[0].unreadCount).toBe(1);
    expect(conversations.archivedWith(PEER)).toBe(true);
  });

  it('keeps a conversation read when a list page asked for before the reading comes back after it', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9, { unreadCount: 2 })]);
    const late = new Subject<Page<ConversationView>>();
    api.conversations.mockReturnValueOnce(late);
    const reloaded = conversations.load();
    conversations.onRead({
      conversationId: conversations.conversations()[0].id,
      lastReadMessageId: null,
      readAt: new Date().toISOString(),
      unreadTotal: 0,
    });

    late.next(page([at(PEER, 9, { unreadCount: 2 })]));
    late.complete();
    await reloaded;

    expect(conversations.conversations().map((item) => item.unreadCount)).toEqual([0]);
  });

  it('keeps out of the inbox a conversation archived while the next page was on its way', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9)], 'inbox-cursor');
    const late = new Subject<Page<ConversationView>>();
    api.conversations.mockReturnValueOnce(late);
    const more = conversations.loadMore();
    // OTHER_PEER, on the next page, is archived in another tab before that page comes back.
    conversations.onConversationUpdated({ conversation: at(OTHER_PEER, 8, { archived: true }) });

    late.next(page([at(OTHER_PEER, 8), at(THIRD_PEER, 7, { unreadCount: 1 })]));
    late.complete();
    await more;

    expect(peers(conversations.conversations())).toEqual([PEER, THIRD_PEER]);
    expect(conversations.archivedWith(OTHER_PEER)).toBe(true);
    expect(conversations.hasMore()).toBe(false);
  });

  it('says in French why archiving failed, and changes nothing', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9)]);
    api.archive.mockReturnValueOnce(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 403,
            error: { statusCode: 403, code: 'FORBIDDEN', message: 'garagistes only' },
          }),
      ),
    );

    await expect(conversations.setArchived(PEER, true)).resolves.toBe(fr.errors.byCode.FORBIDDEN);

    expect(peers(conversations.conversations())).toEqual([PEER]);
    expect(conversations.archivedWith(PEER)).toBe(false);
  });
});

describe("ConversationsStore assignment (a garage member's filters)", () => {
  afterEach(() => TestBed.resetTestingModule());

  it('lists « À moi » from its own first page, and follows assignments live', async () => {
    const { conversations, api, socket } = await withInbox([at(PEER, 9), at(OTHER_PEER, 8)]);
    api.conversations.mockReturnValueOnce(of(page([at(PEER, 9, { assignee: { id: ME, name: 'Moi' } })])));

    await conversations.showAssigned('me');
    expect(api.conversations).toHaveBeenLastCalledWith({ limit: 20, assigned: 'me' });
    expect(conversations.assigned()).toBe('me');
    expect(peers(conversations.conversations())).toEqual([PEER]);
    expect(conversations.assigneeOf(PEER)).toBe(ME);

    // Assigned to me elsewhere: it enters; assigned to a colleague: it leaves.
    socket.conversationUpdated$.next({ conversation: at(OTHER_PEER, 8, { assignee: { id: ME, name: 'Moi' } }) });
    expect(peers(conversations.conversations())).toEqual([PEER, OTHER_PEER]);
    socket.conversationUpdated$.next({ conversation: at(PEER, 9, { assignee: { id: 'colleague', name: 'Léa' } }) });
    expect(peers(conversations.conversations())).toEqual([OTHER_PEER]);
    expect(conversations.assigneeOf(PEER)).toBe('colleague');

    api.conversations.mockReturnValueOnce(of(page([at(PEER, 9)])));
    await conversations.showInbox();
    expect(api.conversations).toHaveBeenLastCalledWith({ limit: 20 });
    expect(conversations.assigned()).toBeNull();
  });

  it('assigns through the API and shows the answer', async () => {
    const { conversations, api } = await withInbox([at(PEER, 9)]);
    api.assign.mockReturnValueOnce(of(at(PEER, 9, { assignee: { id: 'colleague', name: 'Léa' } })));
    expect(await conversations.assign(PEER, 'colleague')).toBeNull();
    expect(api.assign).toHaveBeenCalledWith(PEER, 'colleague');
    expect(conversations.assigneeOf(PEER)).toBe('colleague');
  });
});
