import { signal } from '@angular/core';
import { LIMITS } from '@promoto/shared-dto';
import { StagedFiles } from './staged-files';

const pdf = (name: string) => new File(['%PDF-1.4'], name, { type: 'application/pdf' });

describe('StagedFiles', () => {
  const created: string[] = [];
  const revoked: string[] = [];

  beforeEach(() => {
    created.length = 0;
    revoked.length = 0;
    // jsdom has no object URLs.
    Object.assign(URL, {
      createObjectURL: (file: File) => {
        created.push(`blob:${file.name}`);
        return `blob:${file.name}`;
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    });
  });

  function stage() {
    const thread = signal('peer-1');
    return { thread, staged: new StagedFiles(thread) };
  }

  it('keeps what may be sent, up to the limit, and says why the others were left out', () => {
    const { staged } = stage();
    const text = new File(['x'], 'notes.txt', { type: 'text/plain' });
    const files = Array.from({ length: LIMITS.attachmentsPerMessage + 1 }, (_, n) => pdf(`devis-${n}.pdf`));

    staged.add([text, ...files]);

    expect(staged.items().map((item) => item.file.name)).toEqual(files.slice(0, -1).map((file) => file.name));
    expect(staged.error()).toBe(
      `« notes.txt » n’est pas accepté : envoyez une photo (JPEG, PNG ou WebP) ou un PDF. ${LIMITS.attachmentsPerMessage} fichiers au plus par message.`,
    );
  });

  it('previews images, revokes a preview when its file leaves, and empties on take', () => {
    const { staged } = stage();
    const photo = new File(['jpeg'], 'photo.jpg', { type: 'image/jpeg' });
    staged.add([photo, pdf('devis.pdf')]);
    expect(staged.items().map((item) => [item.previewUrl, item.sizeLabel])).toEqual([
      ['blob:photo.jpg', '1 Ko'],
      [null, '1 Ko'],
    ]);

    staged.remove(staged.items()[0].id);
    expect(revoked).toEqual(['blob:photo.jpg']);
    staged.add([photo]);
    expect(staged.take().map((file) => file.name)).toEqual(['devis.pdf', 'photo.jpg']);
    expect(staged.items()).toEqual([]);
    expect(revoked).toEqual(['blob:photo.jpg', 'blob:photo.jpg']);
  });

  it('starts empty again in another thread', () => {
    const { staged, thread } = stage();
    staged.add([pdf('devis.pdf')]);
    thread.set('peer-2');
    expect(staged.items()).toEqual([]);
  });
});
