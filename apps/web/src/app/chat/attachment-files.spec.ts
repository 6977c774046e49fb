import type { AttachmentView } from '@promoto/shared-dto';
import { threadPhotos } from './attachment-files';
import type { ChatMessage } from './chat-state';

function file(id: string, kind: AttachmentView['kind']): AttachmentView {
  return { id, kind, name: `${id}.bin`, size: 1000, mimeType: 'image/jpeg', url: `/${id}` };
}

function chat(key: string, attachments: AttachmentView[], deletedAt?: string): ChatMessage {
  return {
    key,
    id: key,
    senderId: 'a',
    recipientId: 'b',
    content: '',
    createdAt: '',
    status: 'sent',
    attachments,
    deletedAt,
  };
}

describe('threadPhotos', () => {
  it('lists the photos of the thread in order, without documents or deleted messages', () => {
    const photos = threadPhotos([
      chat('1', [file('p1', 'image'), file('d1', 'document')]),
      chat('2', [file('p2', 'image')], '2030-01-01T00:00:00.000Z'),
      chat('3', [file('p3', 'image'), file('p4', 'image')]),
    ]);
    expect(photos.map((photo) => photo.id)).toEqual(['p1', 'p3', 'p4']);
  });
});
