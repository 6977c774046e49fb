import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpEventType, type HttpResponse } from '@angular/common/http';
import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  LIMITS,
  type Ack,
  type AckSuccess,
  type ConversationParticipant,
  type MarkReadResponse,
  type MessageView,
  type SendMessageRequest,
  type UploadedAttachmentView,
} from '@promoto/shared-dto';
import { filter, lastValueFrom, tap } from 'rxjs';
import { AckError, describeError } from '../core/api/api-error';
import { AttachmentsApi } from '../core/api/attachments-api';
import { MessagesApi } from '../core/api/messages-api';
import { UsersApi } from '../core/api/users-api';
import { newClientMessageId } from '../core/ids';
import { ChatSocket } from '../core/realtime/chat-socket';
import { fr } from '../i18n/fr';
import {
  applyUpdate,
  emptyThread,
  firstUnreadKey,
  maxId,
  fromPeer,
  mergeMessages,
  messageKey,
  peerOf,
  replaceWithPage,
  type ChatMessage,
  type OutgoingUpload,
  type Thread,
} from './chat-state';
import { ConversationsStore } from './conversations.store';
import { Drafts } from './drafts';
import { Outbox, type QueuedMessage } from './outbox';
import { SessionScope } from './session-scope';
import { TypingStore } from './typing.store';

/** A file of my message on its way, with a preview of a photo. */
function outgoingUpload(localId: string, file: File, attachmentId?: string): OutgoingUpload {
  return {
    localId,
    file,
    previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
    progress: attachmentId ? 1 : 0,
    ...(attachmentId ? { attachmentId } : {}),
  };
}

function unwrap<T extends object>(ack: Ack<T>): AckSuccess<T> {
  if (!ack.ok) throw new AckError(ack.error);
  return ack;
}

/**
 * The open thread, merged from REST (the source of truth) and the socket (live updates), with
 * my messages on their way; threads left stay in memory for a quick return. A message is shown
 * once, however many ways it arrives. My messages go out one after the other, in the order
 * written, their files uploaded first: one written without a connection waits, pending, in the
 * outbox (IndexedDB, files included, so that a reload keeps it) and goes out by itself once
 * connected, with its clientMessageId (stored once).
 */
@Injectable()
export class ThreadStore {
  private readonly api = inject(MessagesApi);
  private readonly attachmentsApi = inject(AttachmentsApi);
  private readonly users = inject(UsersApi);
  private readonly socket = inject(ChatSocket);
  private readonly document = inject(DOCUMENT);
  private readonly scope = inject(SessionScope);
  private readonly list = inject(ConversationsStore);
  private readonly typing = inject(TypingStore);
  private readonly outbox = inject(Outbox);
  private readonly drafts = inject(Drafts);

  private readonly threads = signal<Record<string, Thread>>({});
  private readonly openPeer = signal<string | null>(null);
  /** The newest page on its way, by peer. */
  private readonly newestLoads = new Map<string, Promise<void>>();
  /** Member ids whose thread moved to their garage's id (see moveOpenThread): what comes for them lands there. */
  private readonly movedTo = new Map<string, string>();
  /** My messages not stored yet, oldest first, whatever their thread: they go out in this order. */
  private readonly queue: ChatMessage[] = [];
  private flushing = false;
  private queued = 0;

  readonly openPeerId = this.openPeer.asReadonly();
  /** The open thread (see open), or null. */
  readonly thread = computed(() => {
    const peerId = this.openPeer();
    return peerId ? (this.threads()[peerId] ?? null) : null;
  });
  readonly conversation = computed(() => this.list.conversationWith(this.openPeer()));

  /**
   * The profile of someone I have no conversation with yet (a thread opened from a garage page),
   * asked once the conversation list's first page is in: on a first load it usually names them.
   */
  private readonly profile = rxResource({
    params: () => {
      const peerId = this.openPeer();
      if (!peerId || !this.scope.userId() || this.list.firstPageLoading()) return undefined;
      return this.conversation() ? undefined : peerId;
    },
    stream: ({ params }) => this.users.get(params),
  });

  /** Who the open thread is with. */
  readonly peer = computed<ConversationParticipant | null>(
    () => this.conversation()?.otherUser ?? (this.profile.hasValue() ? (this.profile.value() ?? null) : null),
  );
  /**
   * Whether the open thread must not be read yet: a client's thread opened by a garage member's
   * id is the garage's, and MessagingLayout moves it to the garage's id, where « Nouveaux
   * messages » is placed and the thread read from the garage's conversation. Until the profile
   * says who an id with no conversation names, nothing is read either.
   */
  private readonly peerUnresolved = computed(() => {
    const peerId = this.openPeer();
    if (!peerId || this.conversation()) return false;
    const peer = this.peer();
    return !peer || (peer.garageId !== undefined && peer.garageId !== peerId);
  });

  /** Why the thread could not be loaded, or who it is with could not be found. */
  readonly error = computed(() => {
    const profileError = this.profile.error();
    return this.thread()?.error ?? (profileError ? describeError(profileError) : null);
  });
  /** The open thread's conversation, null until its first message. */
  readonly conversationId = computed(() => this.thread()?.conversationId ?? this.conversation()?.id ?? null);
  /** My messages in the open thread up to this id are read by the other person. */
  readonly peerReadUpTo = computed(() => this.list.readUpTo(this.conversationId()));
  readonly peerTyping = computed(() => this.typing.isTyping(this.conversationId()));

  constructor() {
    // A profile arriving after the thread's first page may be what lets the thread be read.
    effect(() => {
      if (!this.peerUnresolved() && this.profile.hasValue()) untracked(() => this.markReadIfUnread());
    });
  }

  /** Opens the thread with that person: shows what is kept at once, then the newest page. */
  open(peerId: string): void {
    const current = this.openPeer();
    if (current === peerId) return;
    if (current && this.peer()?.garageId === peerId) {
      this.moveOpenThread(current, peerId);
      return;
    }
    this.movedTo.delete(peerId);
    this.close();
    this.openPeer.set(peerId);
    const existing = this.threads()[peerId];
    this.threads.update((threads) => ({
      ...threads,
      [peerId]: {
        ...(existing ?? emptyThread(peerId)),
        messages: this.withQueued(existing?.messages ?? [], peerId),
        conversationId: existing?.conversationId ?? this.list.conversationWith(peerId)?.id ?? null,
        status: 'loading',
        error: null,
        firstUnreadKey: undefined,
      },
    }));
    void this.loadNewest(peerId);
    void this.joinRoom(peerId);
  }

  /**
   * A client's thread opened by a garage member's id is the garage's, and MessagingLayout names it
   * by the garage's id once the member's profile says which: what was loaded, or is on its way,
   * under the member's id moves there, so that the newest page is not asked for twice and the
   * conversation's room (the same for both ids) stays joined; what I began writing moves too.
   */
  private moveOpenThread(memberId: string, garageId: string): void {
    this.movedTo.set(memberId, garageId);
    const draft = this.drafts.get(memberId);
    if (draft) {
      if (!this.drafts.get(garageId)) this.drafts.set(garageId, draft);
      this.drafts.set(memberId, '');
    }
    const newestLoad = this.newestLoads.get(memberId);
    if (newestLoad) {
      this.newestLoads.delete(memberId);
      this.newestLoads.set(garageId, newestLoad);
    }
    this.threads.update(({ [memberId]: moved, ...threads }) => ({
      ...threads,
      [garageId]: { ...moved, peerId: garageId, messages: this.withQueued(moved.messages, garageId) },
    }));
    this.openPeer.set(garageId);
    this.markReadIfUnread();
  }

  /** Leaving the messages page: new messages no longer count as read. */
  close(): void {
    const peerId = this.openPeer();
    if (!peerId) return;
    this.typing.stop();
    this.openPeer.set(null);
    if (this.socket.isConnected) {
      // Leaving the room only stops typing events; the server ends it with the socket anyway.
      this.socket.leaveRoom({ userId: peerId }).catch(() => undefined);
    }
  }

  /** Reloads the open thread after an error. */
  reload(): void {
    const peerId = this.openPeer();
    if (!peerId) return;
    this.updateThread(peerId, (thread) => ({ ...thread, status: 'loading', error: null }));
    if (this.profile.error()) this.profile.reload();
    void this.loadNewest(peerId);
  }

  loadOlder(): Promise<void> {
    const thread = this.thread();
    if (!thread || !thread.olderCursor || thread.loadingOlder || thread.status !== 'ready') return Promise.resolve();
    const { peerId, olderCursor } = thread;
    this.updateThread(peerId, (current) => ({ ...current, loadingOlder: true, error: null }));
    return this.scope.settle(
      this.api.history(peerId, { before: olderCursor, limit: LIMITS.historyPageDefaultSize }),
      (page) =>
        this.updateThread(peerId, (current) => ({
          ...current,
          messages: mergeMessages(current.messages, page.items),
          olderCursor: page.nextCursor,
          loadingOlder: false,
        })),
      (error) =>
        this.updateThread(peerId, (current) => ({ ...current, loadingOlder: false, error: describeError(error) })),
    );
  }

  /**
   * Shows my message at once as pending, then sends it (socket if connected, REST otherwise).
   * `note`: an internal note for my garage's members.
   */
  send(content: string, appointmentId?: string, files: readonly File[] = [], note = false): void {
    const me = this.scope.userId();
    const peerId = this.openPeer();
    const text = content.trim();
    if (!me || !peerId || (!text && files.length === 0)) return;
    const clientMessageId = newClientMessageId();
    const message: ChatMessage = {
      key: messageKey(me, clientMessageId, clientMessageId),
      id: null,
      clientMessageId,
      senderId: me,
      recipientId: peerId,
      content: text,
      appointmentId: appointmentId || undefined,
      createdAt: new Date().toISOString(),
      ...(note ? { note: true } : {}),
      ...(files.length > 0
        ? { uploads: files.map((file, index) => outgoingUpload(`${clientMessageId}-${index}`, file)) }
        : {}),
      status: 'pending',
    };
    this.updateThread(peerId, (thread) => ({
      ...thread,
      messages: [...thread.messages, message],
      // Answered before the thread knew where its unread part began: no divider, the thread stays at the bottom.
      firstUnreadKey: thread.firstUnreadKey === undefined ? null : thread.firstUnreadKey,
    }));
    this.typing.stop();
    this.enqueue(message);
  }

  /** Sends a failed message again with the same clientMessageId, so the server stores it once. */
  retry(key: string): void {
    const thread = this.thread();
    const message = thread?.messages.find((item) => item.key === key && item.status === 'failed');
    if (!thread || !message) return;
    const pending: ChatMessage = { ...message, status: 'pending', error: undefined };
    this.updateThread(thread.peerId, (current) => ({
      ...current,
      messages: current.messages.map((item) => (item.key === key ? pending : item)),
    }));
    this.enqueue(pending);
  }

  /** The messages a previous visit left in the outbox: shown in their threads, and sent once connected. */
  async restoreOutbox(): Promise<void> {
    const saved = await this.outbox.list().catch(() => [] as QueuedMessage[]);
    const known = new Set(this.queue.map((message) => message.key));
    const restored = saved
      .filter((item) => !known.has(item.key))
      .map(
        (item): ChatMessage => ({
          key: item.key,
          id: null,
          clientMessageId: item.clientMessageId,
          senderId: item.senderId,
          recipientId: item.recipientId,
          content: item.content,
          appointmentId: item.appointmentId,
          createdAt: item.createdAt,
          ...(item.note ? { note: true } : {}),
          ...(item.files?.length
            ? {
                uploads: item.files.map(({ localId, file, attachmentId }) =>
                  outgoingUpload(localId, file, attachmentId),
                ),
              }
            : {}),
          status: 'pending',
        }),
      );
    if (restored.length === 0) return;
    this.queue.unshift(...restored);
    for (const message of restored) {
      this.updateThread(message.recipientId, (thread) => ({
        ...thread,
        messages: this.withQueued(thread.messages, message.recipientId),
      }));
    }
    void this.flush();
  }

  /** After a reconnection: my waiting messages go out, the thread rejoins its room and fetches what it missed. */
  resume(): void {
    void this.flush();
    const peerId = this.openPeer();
    if (!peerId) return;
    void this.joinRoom(peerId);
    void this.catchUp(peerId);
  }

  /**
   * Reads the open thread when it shows messages I have not read and the page is visible. The
   * first time after opening, it first notes where the unread part begins, which needs the
   * conversation's unread count (while the list loads it waits: the list calls it again) and
   * that part loaded (older pages are fetched first).
   */
  markReadIfUnread(): void {
    const peerId = this.openPeer();
    const thread = this.thread();
    if (!peerId || thread?.status !== 'ready' || this.peerUnresolved()) return;
    const conversation = this.conversation();
    if (thread.firstUnreadKey === undefined) {
      if (this.list.status() === 'loading') return;
      const unreadCount = conversation?.unreadCount ?? 0;
      const theirs = thread.messages.filter((message) => fromPeer(message, peerId) && message.id !== null).length;
      if (unreadCount > theirs && thread.olderCursor) {
        // The unread part begins before the loaded page: fetch older pages until it is in.
        if (!thread.loadingOlder) void this.loadOlder().then(() => this.markReadIfUnread());
        return;
      }
      this.updateThread(peerId, (current) => ({
        ...current,
        firstUnreadKey: firstUnreadKey(current.messages, peerId, unreadCount),
      }));
    }
    if (this.document.visibilityState !== 'visible') return;
    const hasUnread = conversation
      ? conversation.unreadCount > 0
      : thread.messages.some((message) => fromPeer(message, peerId));
    if (hasUnread) void this.markRead(peerId);
  }

  onNewMessage(message: MessageView): void {
    if (!this.scope.userId()) return;
    const peerId = peerOf(message, this.scope.sides);
    this.updateThread(peerId, (thread) => ({
      ...thread,
      conversationId: thread.conversationId ?? message.conversationId,
      messages: mergeMessages(thread.messages, [message]),
      // Live events continue a thread without gap only once it is loaded and synced.
      syncedId:
        thread.status === 'ready' && thread.syncedId !== null ? maxId(thread.syncedId, message.id) : thread.syncedId,
    }));
    if (fromPeer(message, peerId)) this.typing.onMessageFrom(message.conversationId);
  }

  /** Edits my message: the server checks that it is mine and recent enough. */
  edit(key: string, content: string): Promise<void> {
    const target = this.ownStored(key);
    const text = content.trim();
    if (!target || !text || text === target.message.content) return Promise.resolve();
    return this.scope.settle(
      this.api.edit(target.id, text),
      (view) => this.onMessageUpdated(view),
      (error) => this.updateThread(target.peerId, (thread) => ({ ...thread, error: describeError(error) })),
    );
  }

  /** Deletes my message; it stays in place as « Message supprimé ». */
  remove(key: string): Promise<void> {
    const target = this.ownStored(key);
    if (!target) return Promise.resolve();
    return this.scope.settle(
      this.api.remove(target.id),
      (view) => this.onMessageUpdated(view),
      (error) => this.updateThread(target.peerId, (thread) => ({ ...thread, error: describeError(error) })),
    );
  }

  /** An edit or a deletion, mine (from any tab) or the other person's. */
  onMessageUpdated(message: MessageView): void {
    if (!this.scope.userId()) return;
    const peerId = peerOf(message, this.scope.sides);
    this.updateThread(peerId, (thread) => ({ ...thread, messages: applyUpdate(thread.messages, message) }));
  }

  /** A conversation-updated event names the conversation of a thread that had none yet. */
  onConversation(peerId: string, conversationId: string): void {
    this.nameConversation(peerId, conversationId);
    if (peerId === this.openPeer()) this.markReadIfUnread();
  }

  /** Queues a message behind those waiting, keeps it in the outbox with its files, and sends what can go. */
  private enqueue(message: ChatMessage): void {
    this.queue.push(message);
    void this.outbox
      .put({
        key: message.key,
        clientMessageId: message.clientMessageId ?? message.key,
        senderId: message.senderId,
        recipientId: message.recipientId,
        content: message.content,
        ...(message.appointmentId ? { appointmentId: message.appointmentId } : {}),
        ...(message.note ? { note: true } : {}),
        ...(message.uploads?.length
          ? {
              files: message.uploads.map(({ localId, file, attachmentId }) => ({
                localId,
                file,
                ...(attachmentId ? { attachmentId } : {}),
              })),
            }
          : {}),
        createdAt: message.createdAt,
        order: Date.now() * 1000 + (this.queued++ % 1000),
      })
      .catch(() => undefined);
    void this.flush();
  }

  /**
   * Sends the queue's messages one after the other. Without a connection the first one stays
   * pending and the queue waits for the next (re)connection; a refusal from the server fails
   * that one (« Réessayer ») and the next ones go on.
   */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const message = this.queue[0];
        let outcome: 'done' | 'waiting' = 'waiting';
        await this.scope.settle(
          // Its files first (those not uploaded yet), then the message with them; a text at once.
          message.uploads?.length
            ? this.uploadAll(message).then((attachmentIds) => this.submit(message, attachmentIds))
            : this.submit(message, []),
          (view) => {
            outcome = 'done';
            this.onStored(message, view);
          },
          (error) => {
            if (this.isOffline(error)) return;
            outcome = 'done';
            this.onFailed(message, error);
          },
        );
        if (outcome === 'waiting') return;
        this.queue.shift();
        void this.outbox.remove(message.key).catch(() => undefined);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** A failure that says nothing about the message: no connection to the server at all. */
  private isOffline(error: unknown): boolean {
    if (this.socket.isConnected) return false;
    const offline = this.document.defaultView?.navigator.onLine === false;
    return offline || (error instanceof HttpErrorResponse && error.status === 0);
  }

  private onStored(message: ChatMessage, view: MessageView): void {
    const peerId = message.recipientId;
    message.uploads?.forEach((upload) => upload.previewUrl && URL.revokeObjectURL(upload.previewUrl));
    const isFirstMessage = this.threads()[peerId]?.conversationId === null;
    this.updateThread(peerId, (thread) => ({
      ...thread,
      conversationId: thread.conversationId ?? view.conversationId,
      messages: mergeMessages(thread.messages, [view]),
    }));
    // The conversation exists from the first message on: join its room for typing events.
    if (isFirstMessage && this.openPeer() === peerId) void this.joinRoom(peerId);
  }

  private onFailed(message: ChatMessage, error: unknown): void {
    this.updateThread(message.recipientId, (thread) => ({
      ...thread,
      messages: thread.messages.map((item) =>
        item.key === message.key && item.status === 'pending'
          ? { ...item, status: 'failed', error: describeError(error, fr.errors.sendFailed) }
          : item,
      ),
    }));
  }

  /** A thread's messages with my queued ones to that person added after them, once each. */
  private withQueued(messages: readonly ChatMessage[], peerId: string): ChatMessage[] {
    const shown = new Set(messages.map((message) => message.key));
    return [...messages, ...this.queue.filter((message) => message.recipientId === peerId && !shown.has(message.key))];
  }

  private submit(message: ChatMessage, attachmentIds: string[]): Promise<MessageView> {
    const request: SendMessageRequest = {
      recipientId: message.recipientId,
      content: message.content,
      clientMessageId: message.clientMessageId,
      ...(message.appointmentId ? { appointmentId: message.appointmentId } : {}),
      ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      ...(message.note ? { note: true } : {}),
    };
    return this.socket.isConnected
      ? (async () => unwrap(await this.socket.sendMessage(request)).message)()
      : lastValueFrom(this.api.send(request));
  }

  /**
   * Uploads the message's files not uploaded yet, one after the other, with their progress shown;
   * a retried send reuses the ones already stored.
   */
  private async uploadAll(message: ChatMessage): Promise<string[]> {
    const ids: string[] = [];
    for (const { localId } of message.uploads ?? []) {
      const current = this.findUpload(message, localId);
      if (!current) continue;
      const attachmentId = current.attachmentId ?? (await this.upload(message, current));
      ids.push(attachmentId);
    }
    return ids;
  }

  private async upload(message: ChatMessage, upload: OutgoingUpload): Promise<string> {
    this.patchUpload(message, upload.localId, { progress: 0 });
    const response = await lastValueFrom(
      this.attachmentsApi.upload(upload.file).pipe(
        tap((event) => {
          if (event.type === HttpEventType.UploadProgress && event.total) {
            this.patchUpload(message, upload.localId, { progress: event.loaded / event.total });
          }
        }),
        filter((event): event is HttpResponse<UploadedAttachmentView> => event.type === HttpEventType.Response),
      ),
    );
    if (!response.body) throw new Error('upload answered without a body');
    this.patchUpload(message, upload.localId, { progress: 1, attachmentId: response.body.id });
    void this.outbox.markUploaded(message.key, upload.localId, response.body.id).catch(() => undefined);
    return response.body.id;
  }

  /** The upload as it is now: in its thread, or in the queue when that thread is not kept in memory. */
  private findUpload(message: ChatMessage, localId: string): OutgoingUpload | undefined {
    const shown = this.threads()[message.recipientId]?.messages.find((item) => item.key === message.key);
    const queued = this.queue.find((item) => item.key === message.key);
    return (shown ?? queued ?? message).uploads?.find((upload) => upload.localId === localId);
  }

  private patchUpload(message: ChatMessage, localId: string, patch: Partial<OutgoingUpload>): void {
    const patched = (item: ChatMessage): ChatMessage => ({
      ...item,
      uploads: item.uploads?.map((upload) => (upload.localId === localId ? { ...upload, ...patch } : upload)),
    });
    const index = this.queue.findIndex((item) => item.key === message.key);
    if (index !== -1) this.queue[index] = patched(this.queue[index]);
    this.updateThread(message.recipientId, (thread) => ({
      ...thread,
      messages: thread.messages.map((item) => (item.key === message.key ? patched(item) : item)),
    }));
  }

  private loadNewest(peerId: string): Promise<void> {
    const loading = this.scope.settle(
      this.api.history(peerId, { limit: LIMITS.historyPageDefaultSize }),
      (page) => {
        this.updateThread(peerId, (thread) => ({
          ...thread,
          conversationId: thread.conversationId ?? page.items[0]?.conversationId ?? null,
          messages: replaceWithPage(thread.messages, page.items),
          olderCursor: page.nextCursor,
          syncedId: maxId(thread.syncedId, page.items.at(-1)?.id),
          status: 'ready',
          error: null,
        }));
        this.markReadIfUnread();
      },
      (error) => this.updateThread(peerId, (thread) => ({ ...thread, status: 'error', error: describeError(error) })),
    );
    this.newestLoads.set(peerId, loading);
    return loading.finally(() => {
      const key = this.movedTo.get(peerId) ?? peerId;
      if (this.newestLoads.get(key) === loading) this.newestLoads.delete(key);
    });
  }

  /**
   * Fetches what the thread missed after its last synced message, page by page. While the
   * thread's first page is on its way (a connection that comes up as the thread opens), it waits
   * for it rather than loading it twice, then asks for what came after it (in the garage's
   * thread, when the member's it waited for moved there meanwhile).
   */
  private catchUp(requested: string): Promise<void> {
    const peerId = this.movedTo.get(requested) ?? requested;
    const thread = this.threads()[peerId];
    if (!thread) return Promise.resolve();
    const newestLoad = this.newestLoads.get(peerId);
    if (newestLoad) return newestLoad.then(() => this.catchUp(peerId));
    if (!thread.syncedId || thread.status !== 'ready') {
      this.updateThread(peerId, (current) => ({ ...current, status: 'loading', error: null }));
      return this.loadNewest(peerId);
    }
    const fetchAfter = (after: string): Promise<void> =>
      this.scope.settle(
        this.api.history(peerId, { after, limit: LIMITS.historyPageMaxSize }),
        (page) => {
          // Nothing missed (most connections): the thread is left as it is, and not drawn again.
          if (page.items.length > 0) {
            this.updateThread(peerId, (current) => ({
              ...current,
              conversationId: current.conversationId ?? page.items[0]?.conversationId ?? null,
              messages: mergeMessages(current.messages, page.items),
              syncedId: maxId(current.syncedId, page.items.at(-1)?.id),
            }));
          }
          if (page.nextCursor) void fetchAfter(page.nextCursor);
          else this.markReadIfUnread();
        },
        (error) =>
          this.updateThread(peerId, (current) => ({ ...current, status: 'error', error: describeError(error) })),
      );
    return fetchAfter(thread.syncedId);
  }

  private joinRoom(peerId: string): Promise<void> {
    if (!this.socket.isConnected) return Promise.resolve();
    // Without the room only the typing indicator is missing; messages come to my user room.
    return this.scope.settle(this.socket.joinRoom({ userId: peerId }), (ack) => {
      if (ack.ok && ack.conversationId) this.nameConversation(peerId, ack.conversationId);
    });
  }

  private markRead(peerId: string): Promise<void> {
    const read = this.socket.isConnected
      ? (async (): Promise<MarkReadResponse> => unwrap(await this.socket.markRead({ userId: peerId })).result)()
      : this.api.markRead(peerId);
    // On failure it stays unread on the server: the badge stays, and the next open or message reads again.
    return this.scope.settle(read, (result) => this.list.onRead(result));
  }

  private ownStored(key: string): { id: string; peerId: string; message: ChatMessage } | null {
    const thread = this.thread();
    const message = thread?.messages.find((item) => item.key === key);
    if (!thread || !message?.id || message.senderId !== this.scope.userId() || message.deletedAt) return null;
    return { id: message.id, peerId: thread.peerId, message };
  }

  /** Names the conversation of a thread that had none; a thread already named is left as it is (not drawn again). */
  private nameConversation(peerId: string, conversationId: string): void {
    if (this.threads()[this.movedTo.get(peerId) ?? peerId]?.conversationId) return;
    this.updateThread(peerId, (thread) => ({ ...thread, conversationId }));
  }

  /** Updates a thread kept in memory; messages for a thread never opened are left to its first load. */
  private updateThread(peerId: string, change: (thread: Thread) => Thread): void {
    const key = this.movedTo.get(peerId) ?? peerId;
    this.threads.update((threads) => {
      const thread = threads[key];
      return thread ? { ...threads, [key]: change(thread) } : threads;
    });
  }
}
