/** Text of ours or of users, made safe to place in an e-mail's HTML. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string,
  );

/** A name in a header line: one line, whatever the account holds. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
