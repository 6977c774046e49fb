import { LIMITS } from '@promoto/shared-dto';

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
