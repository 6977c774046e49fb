/** What an attachment is shown as: an image (thumbnail and viewer) or a document (a chip to download). */
export type AttachmentKind = 'image' | 'document';

/** The types an upload may have, read from its bytes (never from its name or declared type). */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMimeType = (typeof ATTACHMENT_MIME_TYPES)[number];

/**
 * The answer of POST /api/attachments (multipart, one field `file`): an upload of mine, not yet
 * sent. Images are re-encoded (auto-rotated, without EXIF or GPS): `size`, `width` and `height`
 * are those of the stored image.
 */
export interface UploadedAttachmentView {
  id: string;
  kind: AttachmentKind;
  name: string;
  /** Bytes. */
  size: number;
  mimeType: AttachmentMimeType;
  width?: number;
  height?: number;
}

/**
 * An attachment as a message carries it. `url` and `thumbnailUrl` (images only) are signed links
 * that work without an Authorization header (for `<img>`) until they expire; a request with an
 * expired or altered link, or with the token of someone outside the conversation, answers 404.
 */
export interface AttachmentView extends UploadedAttachmentView {
  url: string;
  thumbnailUrl?: string;
}
