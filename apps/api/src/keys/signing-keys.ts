import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac } from 'node:crypto';
import type { Environment } from '../config/environment';
import { parseKeySet, type KeySetSetting } from '../config/key-set';
import { KeyRing } from './key-ring';

/**
 * One key ring per purpose, so that a key signs one kind of thing only and each can be rotated
 * alone: access tokens (SESSION_KEYS), the signed links to attachment files (ATTACHMENT_LINK_KEYS)
 * and the e-mails' unsubscribe links (UNSUBSCRIBE_LINK_KEYS). The keys derived from JWT_SECRET
 * are the ones each purpose used before key sets, so that tokens and links already handed out
 * keep verifying while JWT_SECRET stays set.
 */
@Injectable()
export class SigningKeys {
  readonly sessions: KeyRing;
  readonly attachmentLinks: KeyRing;
  readonly unsubscribeLinks: KeyRing;

  constructor(config: ConfigService<Environment, true>) {
    const secret = config.get('JWT_SECRET', { infer: true });
    const ring = (setting: KeySetSetting, derive: (secret: string) => Buffer) => {
      const value = config.get(setting, { infer: true });
      return new KeyRing(value ? parseKeySet(value) : [], secret ? derive(secret) : null);
    };
    this.sessions = ring('SESSION_KEYS', (value) => Buffer.from(value, 'utf8'));
    this.attachmentLinks = ring('ATTACHMENT_LINK_KEYS', (value) =>
      createHmac('sha256', value).update('attachment-links').digest(),
    );
    this.unsubscribeLinks = ring('UNSUBSCRIBE_LINK_KEYS', (value) => Buffer.from(value, 'utf8'));
  }
}
