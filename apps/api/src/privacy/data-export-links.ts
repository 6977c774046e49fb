import { Injectable } from '@nestjs/common';
import type { KeyRing } from '../keys/key-ring';
import { unexpired } from '../keys/link-expiry';
import { SigningKeys } from '../keys/signing-keys';

const signedPart = (exportId: string, expires: number) => `data-export:${exportId}:${expires}`;

/**
 * Signed links to a data export's zip, so that the e-mail's link and a plain download work without
 * an Authorization header: `/api/data-exports/<id>/file?expires=<unix seconds>&signature=<kid>~<HMAC>`.
 * Signed with the keys of the links to files (ATTACHMENT_LINK_KEYS), under a prefix of its own so
 * that no attachment link can pass for one; valid until the export expires.
 */
@Injectable()
export class DataExportLinks {
  private readonly keys: KeyRing;

  constructor(keys: SigningKeys) {
    this.keys = keys.attachmentLinks;
  }

  link(exportId: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `/api/data-exports/${exportId}/file?expires=${expires}&signature=${this.keys.sign(signedPart(exportId, expires))}`;
  }

  verify(exportId: string, expires: string, signature: string, now = Date.now()): boolean {
    const seconds = unexpired(expires, now);
    return seconds !== null && this.keys.verify(signedPart(exportId, seconds), signature);
  }
}
