import { LIMITS } from '@promoto/shared-dto';
import type { StoredMessage } from './message.schema';

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * The start of a message for the conversation list: at most LIMITS.previewLength UTF-16 units,
 * cut between whole characters as a person sees them, so that an emoji (or a letter with its
 * accent) is never cut in half.
 */
export function previewOf(content: string): string {
  if (content.length <= LIMITS.previewLength) return content;
  let preview = '';
  for (const { segment } of graphemes.segment(content)) {
    if (preview.length + segment.length > LIMITS.previewLength) break;
    preview += segment;
  }
  return preview;
}

/**
 * What the conversation list shows of a message: its text, or for photos and documents sent
 * without text « 📷 Photo », « 📷 3 photos », « 📄 Devis.pdf » or « 📎 2 fichiers ».
 */
export function previewContent(message: Pick<StoredMessage, 'content' | 'attachments'>): string {
  const attachments = message.attachments ?? [];
  if (message.content || attachments.length === 0) return message.content;
  const images = attachments.filter((attachment) => attachment.kind === 'image').length;
  if (images === attachments.length) return images === 1 ? '📷 Photo' : `📷 ${images} photos`;
  return attachments.length === 1 ? `📄 ${attachments[0].name}` : `📎 ${attachments.length} fichiers`;
}
