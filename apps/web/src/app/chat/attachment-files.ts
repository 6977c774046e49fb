import { ATTACHMENT_MIME_TYPES, LIMITS, type AttachmentView } from '@promoto/shared-dto';
import { fr } from '../i18n/fr';
import type { ChatMessage } from './chat-state';

/** What the file pickers offer; the server reads the real type from the bytes. */
export const ACCEPTED_FILES = [...ATTACHMENT_MIME_TYPES, '.pdf'].join(',');

/** Why a chosen file cannot be sent, in French; null when it may be uploaded. */
export function refusalOf(file: File): string | null {
  if (!(ATTACHMENT_MIME_TYPES as readonly string[]).includes(file.type))
    return fr.chat.attachments.refusedType(file.name);
  if (file.size > LIMITS.attachmentMaxBytes) return fr.chat.attachments.refusedSize(file.name);
  return null;
}

/** « 850 Ko », « 2,4 Mo ». */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The size a thumbnail is drawn at (inside a 240 px box), known before it loads so the thread does not jump. */
export function thumbnailBox(width: number | undefined, height: number | undefined): { width: number; height: number } {
  if (!width || !height) return { width: 240, height: 240 };
  const scale = Math.min(1, 240 / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** The thread's photos in order, for the viewer to go from one to the next (deleted messages' left out). */
export function threadPhotos(messages: readonly ChatMessage[]): AttachmentView[] {
  return messages
    .filter((message) => message.deletedAt === undefined)
    .flatMap((message) => (message.attachments ?? []).filter((attachment) => attachment.kind === 'image'));
}
