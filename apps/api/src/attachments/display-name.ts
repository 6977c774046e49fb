import type { AttachmentMimeType } from '@promoto/shared-dto';

const MAX_NAME_LENGTH = 120;
const EXTENSIONS: Record<AttachmentMimeType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * The name shown for an upload: the sender's file name without any folder or control character,
 * at most MAX_NAME_LENGTH characters. Browsers send multipart names in UTF-8, which the parser
 * reads as Latin-1: they are decoded back. A name left empty becomes "fichier.<ext>".
 */
export function displayName(raw: string, mimeType: AttachmentMimeType): string {
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  const decoded = utf8.includes('\uFFFD') ? raw : utf8;
  const base = decoded.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim())
    .slice(0, MAX_NAME_LENGTH)
    .join('');
  return cleaned || `fichier.${EXTENSIONS[mimeType]}`;
}
