/** A piece of a message: plain text, or a web address shown as a link. */
export type TextSegment = { text: string; href?: undefined } | { text: string; href: string };

/** http(s) addresses and bare www. ones, up to the next space. */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address ("voir https://a.fr/x."). */
const TRAILING = /[.,;:!?)\]}'»]+$/;
/** Longer addresses are shown shortened: their host, then the start of the rest. */
const SHOWN_LENGTH = 40;
const SHOWN_PATH_LENGTH = 20;

/**
 * What a link shows: the address as written when short, else its host (which says where it leads)
 * and the beginning of its path, ending with « … ». The whole address stays in the link.
 */
export function linkLabel(address: string, href: string): string {
  if (address.length <= SHOWN_LENGTH) return address;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return `${address.slice(0, SHOWN_LENGTH)}…`;
  }
  const rest = `${url.pathname}${url.search}${url.hash}`.replace(/^\/$/, '');
  return rest.length <= SHOWN_PATH_LENGTH ? `${url.host}${rest}` : `${url.host}${rest.slice(0, SHOWN_PATH_LENGTH)}…`;
}

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
    const href = address.toLowerCase().startsWith('www.') ? `https://${address}` : address;
    segments.push({ text: linkLabel(address, href), href });
    last = start + address.length;
  }
  if (last < content.length) segments.push({ text: content.slice(last) });
  return segments;
}
