import { displayName } from './display-name';

describe('displayName', () => {
  it.each([
    ['facture.html', 'application/pdf', 'facture.pdf'],
    ['facture.HTML', 'application/pdf', 'facture.pdf'],
    ['devis', 'application/pdf', 'devis.pdf'],
    ['Devis.PDF', 'application/pdf', 'Devis.PDF'],
    ['photo.svg', 'image/png', 'photo.png'],
    ['IMG_2041.JPG', 'image/jpeg', 'IMG_2041.JPG'],
    ['souvenir.jpeg', 'image/jpeg', 'souvenir.jpeg'],
    ['capture.png', 'image/jpeg', 'capture.jpg'],
    ['rapport.v2.final', 'application/pdf', 'rapport.v2.pdf'],
    ['page.html.', 'application/pdf', 'page.html.pdf'],
    ['C:\\Users\\moi\\facture.exe', 'application/pdf', 'facture.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['', 'image/webp', 'fichier.webp'],
    ['.pdf', 'application/pdf', '.pdf'],
    ['.html', 'application/pdf', 'fichier.pdf'],
  ] as const)('%j holding %s is stored as %j', (raw, type, expected) => {
    expect(displayName(raw, type)).toBe(expected);
  });

  it('decodes UTF-8 names read as Latin-1 and keeps the extension within 120 characters', () => {
    expect(displayName(Buffer.from('Fàcture été.pdf', 'utf8').toString('latin1'), 'application/pdf')).toBe(
      'Fàcture été.pdf',
    );
    // A right-to-left override would show "fdp.exe" as "exe.pdf": control and format characters go.
    expect(displayName(Buffer.from(' \u202Efdp.exe ', 'utf8').toString('latin1'), 'application/pdf')).toBe('fdp.pdf');
    const long = displayName(`${'é'.repeat(200)}.html`, 'application/pdf');
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('é.pdf')).toBe(true);
    expect(Array.from(displayName(`${'a'.repeat(200)}.pdf`, 'application/pdf'))).toHaveLength(120);
  });
});
