import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AttachmentView } from '@promoto/shared-dto';
import type { Environment } from '../config/environment';
import type { KeyRing } from '../keys/key-ring';
import { unexpired } from '../keys/link-expiry';
import { SigningKeys } from '../keys/signing-keys';

export type AttachmentVariant = 'file' | 'thumbnail';

/** The description of an attachment as a message stores it. */
export interface MessageAttachment {
  id: string;
  kind: AttachmentView['kind'];
  name: string;
  size: number;
  mimeType: AttachmentView['mimeType'];
  width?: number;
  height?: number;
  hasThumbnail: boolean;
}

/**
 * Signed links to attachment files, so that `<img>` and downloads work without an Authorization
 * header: `/api/attachments/<id>/<variant>?expires=<unix seconds>&signature=<kid>~<HMAC>`, under the
 * keys of ATTACHMENT_LINK_KEYS (see SigningKeys), so every replica signs and checks alike and a link
 * keeps working while its key stays in the set. Expiries are rounded up to a
 * tenth of the lifetime, so that one thread loaded twice gets the same addresses (the browser's
 * cache serves them).
 */
@Injectable()
export class AttachmentLinks {
  private readonly keys: KeyRing;
  private readonly ttlSeconds: number;

  constructor(config: ConfigService<Environment, true>, keys: SigningKeys) {
    this.keys = keys.attachmentLinks;
    this.ttlSeconds = config.get('ATTACHMENT_LINK_TTL_S', { infer: true });
  }

  view(attachment: MessageAttachment, now = Date.now()): AttachmentView {
    const { hasThumbnail, ...description } = attachment;
    const step = Math.max(1, Math.floor(this.ttlSeconds / 10));
    const expires = Math.ceil((Math.floor(now / 1000) + this.ttlSeconds) / step) * step;
    return {
      ...description,
      url: this.link(attachment.id, 'file', expires),
      ...(hasThumbnail ? { thumbnailUrl: this.link(attachment.id, 'thumbnail', expires) } : {}),
    };
  }

  /** True when the signature is ours for this attachment, variant and expiry, and it has not passed. */
  verify(id: string, variant: AttachmentVariant, expires: string, signature: string, now = Date.now()): boolean {
    const seconds = unexpired(expires, now);
    return seconds !== null && this.keys.verify(signedPart(id, variant, seconds), signature);
  }

  private link(id: string, variant: AttachmentVariant, expires: number): string {
    const signature = this.keys.sign(signedPart(id, variant, expires));
    return `/api/attachments/${id}/${variant}?expires=${expires}&signature=${signature}`;
  }
}

const signedPart = (id: string, variant: AttachmentVariant, expires: number) => `${id}:${variant}:${expires}`;
