import type { AttachmentMimeType } from '@promoto/shared-dto';

const MAX_NAME_LENGTH = 120;
/** The extension a stored file gets for its type, and the other spellings of it that are kept. */
const EXTENSIONS: Record<AttachmentMimeType, { written: string; accepted: readonly string[] }> = {
  'image/jpeg': { written: 'jpg', accepted: ['jpg', 'jpeg', 'jpe'] },
  'image/png': { written: 'png', accepted: ['png'] },
  'image/webp': { written: 'webp', accepted: ['webp'] },
  'application/pdf': { written: 'pdf', accepted: ['pdf'] },
};
/** What reads as a file extension: a short run of letters and digits after the last dot. */
const EXTENSION = /\.([\p{L}\p{N}]{1,5})$/u;

/**
 * The name shown for an upload: the sender's file name without any folder or control character,
 * at most MAX_NAME_LENGTH characters, ending with the extension of the type read from its bytes
 * (`facture.html` holding a PDF is stored as `facture.pdf`: a browser saves and opens a file by its
 * extension). Browsers send multipart names in UTF-8, which the parser reads as Latin-1: they are
 * decoded back. A name left empty becomes "fichier.<ext>".
 */
export function displayName(raw: string, mimeType: AttachmentMimeType): string {
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  const decoded = utf8.includes('\uFFFD') ? raw : utf8;
  const base = decoded.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  const { written, accepted } = EXTENSIONS[mimeType];
  const extension = EXTENSION.exec(cleaned);
  if (extension && accepted.includes(extension[1].toLowerCase()) && Array.from(cleaned).length <= MAX_NAME_LENGTH) {
    return cleaned;
  }
  const stem = (extension ? cleaned.slice(0, extension.index) : cleaned).replace(/[\s.]+$/u, '');
  const kept = Array.from(stem)
    .slice(0, MAX_NAME_LENGTH - written.length - 1)
    .join('');
  return `${kept || 'fichier'}.${written}`;
}
