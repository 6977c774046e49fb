import { HttpErrorResponse, HttpEventType, HttpResponse, type HttpEvent } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { UploadedAttachmentView } from '@promoto/shared-dto';
import { of, throwError, type Observable } from 'rxjs';
import { ME, PEER, flush, id, message, page, setUpChat } from '../../testing/chat-fakes';
import { AttachmentsApi } from '../core/api/attachments-api';
import { fr } from '../i18n/fr';

const uploaded = (n: number, name: string): UploadedAttachmentView => ({
  id: id(100 + n),
  kind: 'document',
  name,
  size: 1000,
  mimeType: 'application/pdf',
});

const stored = (view: UploadedAttachmentView): Observable<HttpEvent<UploadedAttachmentView>> =>
  of({ type: HttpEventType.UploadProgress, loaded: 500, total: 1000 }, new HttpResponse({ status: 201, body: view }));

/** A chat whose uploads the test answers, with an empty thread with PEER open. */
async function openEmptyThread() {
  const upload = jest.fn<Observable<HttpEvent<UploadedAttachmentView>>, [File]>();
  TestBed.configureTestingModule({ providers: [{ provide: AttachmentsApi, useValue: { upload } }] });
  const chat = setUpChat();
  chat.api.conversations.mockReturnValueOnce(of(page([])));
  chat.api.history.mockReturnValueOnce(of(page([])));
  chat.session.start();
  chat.thread.open(PEER);
  await flush();
  return { ...chat, upload };
}

describe('ThreadStore: a message with files', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('uploads each file, then sends once; a retry uploads only what failed and keeps the clientMessageId', async () => {
    const { upload, thread, socket } = await openEmptyThread();

    const quote = new File(['%PDF-1.4'], 'Devis.pdf', { type: 'application/pdf' });
    const invoice = new File(['%PDF-1.4'], 'Facture.pdf', { type: 'application/pdf' });
    upload
      .mockReturnValueOnce(stored(uploaded(1, 'Devis.pdf')))
      .mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));
    thread.send('  ', undefined, [quote, invoice]);
    await flush();

    const [failed] = thread.thread()?.messages ?? [];
    expect(failed).toMatchObject({ status: 'failed', error: fr.errors.unreachable, content: '' });
    expect(failed.uploads?.map(({ progress, attachmentId }) => ({ progress, attachmentId }))).toEqual([
      { progress: 1, attachmentId: id(101) },
      { progress: 0, attachmentId: undefined },
    ]);
    expect(socket.sendMessage).not.toHaveBeenCalled();

    upload.mockReturnValueOnce(stored(uploaded(2, 'Facture.pdf')));
    socket.sendMessage.mockImplementationOnce(async (request) => ({
      ok: true,
      message: message(11, ME, PEER, {
        content: '',
        clientMessageId: request.clientMessageId,
        attachments: [uploaded(1, 'Devis.pdf'), uploaded(2, 'Facture.pdf')].map((view) => ({
          ...view,
          url: `/f/${view.id}`,
        })),
      }),
    }));
    thread.retry(failed.key);
    await flush();

    expect(upload.mock.calls.map(([file]) => file.name)).toEqual(['Devis.pdf', 'Facture.pdf', 'Facture.pdf']);
    expect(socket.sendMessage).toHaveBeenCalledTimes(1);
    expect(socket.sendMessage.mock.calls[0][0]).toEqual({
      recipientId: PEER,
      content: '',
      clientMessageId: failed.clientMessageId,
      attachmentIds: [id(101), id(102)],
    });
    const [sent] = thread.thread()?.messages ?? [];
    expect(sent).toMatchObject({ status: 'sent', id: id(11) });
    expect(sent.attachments?.map(({ name }) => name)).toEqual(['Devis.pdf', 'Facture.pdf']);
    expect(sent.uploads).toBeUndefined();
  });

  it('waits without a connection, then uploads and sends by itself, in order among text messages', async () => {
    const { upload, thread, socket, api } = await openEmptyThread();

    socket.isConnected = false;
    api.send.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    upload.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    const quote = new File(['%PDF-1.4'], 'Devis.pdf', { type: 'application/pdf' });
    thread.send('Avant');
    thread.send('Voici le devis', undefined, [quote]);
    thread.send('Après');
    await flush();
    expect(thread.thread()?.messages.map((item) => [item.content, item.status])).toEqual([
      ['Avant', 'pending'],
      ['Voici le devis', 'pending'],
      ['Après', 'pending'],
    ]);

    socket.isConnected = true;
    upload.mockReset();
    upload.mockReturnValueOnce(stored(uploaded(1, 'Devis.pdf')));
    let storedCount = 10;
    socket.sendMessage.mockImplementation(async (request) => ({
      ok: true,
      message: message(++storedCount, ME, PEER, { content: request.content, clientMessageId: request.clientMessageId }),
    }));
    api.history.mockReturnValueOnce(of(page([])));
    socket.connected$.next();
    await flush();

    expect(upload).toHaveBeenCalledTimes(1);
    expect(socket.sendMessage.mock.calls.map(([request]) => [request.content, request.attachmentIds])).toEqual([
      ['Avant', undefined],
      ['Voici le devis', [id(101)]],
      ['Après', undefined],
    ]);
    expect(thread.thread()?.messages.map((item) => [item.id, item.status])).toEqual([
      [id(11), 'sent'],
      [id(12), 'sent'],
      [id(13), 'sent'],
    ]);
  });
});
