/** A piece of a message: plain text, or a web address shown as a link. */
export type TextSegment = { text: string; href?: undefined } | { text: string; href: string };

/** http(s) addresses and bare www. ones, up to the next space. */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address ("voir https://a.fr/x."). */
const TRAILING = /[.,;:!?)\]}'»]+$/;

/**
 * Cuts a message into text and links, for the template to render as text nodes and anchors:
 * the content itself is never parsed as HTML.
 */
export function linkify(content: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of content.matchAll(LINK)) {
    const raw = match[0];
    const address = raw.replace(TRAILING, '');
    const start = match.index;
    if (start > last) segments.push({ text: content.slice(last, start) });
    segments.push({ text: address, href: address.toLowerCase().startsWith('www.') ? `https://${address}` : address });
    last = start + address.length;
  }
  if (last < content.length) segments.push({ text: content.slice(last) });
  return segments;
}
