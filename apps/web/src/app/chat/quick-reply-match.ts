import type { QuickReplyView } from '@promoto/shared-dto';

/** Lower case without accents, so that « vehicule » finds « Véhicule ». */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The replies a `/query` names, in the garage's order: first those with a word of the title
 * starting with the query, then those whose title or text contains it. An empty query lists all.
 */
export function matchQuickReplies(replies: readonly QuickReplyView[], query: string): QuickReplyView[] {
  const wanted = fold(query.trim());
  if (!wanted) return [...replies];
  const byWord = replies.filter((reply) =>
    fold(reply.title)
      .split(/[\s'’-]+/)
      .some((word) => word.startsWith(wanted)),
  );
  const inText = replies.filter(
    (reply) => !byWord.includes(reply) && (fold(reply.title).includes(wanted) || fold(reply.content).includes(wanted)),
  );
  return [...byWord, ...inText];
}
