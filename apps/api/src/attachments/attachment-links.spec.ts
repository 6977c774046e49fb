import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { SigningKeys } from '../keys/signing-keys';
import { AttachmentLinks, type MessageAttachment } from './attachment-links';

const JWT_SECRET = 'a-secret-of-at-least-thirty-two-characters';
const OLD = `a-2026-06:${'o'.repeat(40)}`;
const NEW = `a-2026-12:${'n'.repeat(40)}`;

function linksWith(settings: Partial<Environment>): AttachmentLinks {
  const values: Partial<Environment> = {
    ATTACHMENT_LINK_TTL_S: 3600,
    SESSION_KEYS: `s-1:${'s'.repeat(40)}`,
    UNSUBSCRIBE_LINK_KEYS: `u-1:${'u'.repeat(40)}`,
    ...settings,
  };
  const config = { get: (name: keyof Environment) => values[name] } as unknown as ConfigService<Environment, true>;
  return new AttachmentLinks(config, new SigningKeys(config));
}

const photo: MessageAttachment = {
  id: '65a1b2c3d4e5f60718293a4b',
  kind: 'image',
  name: 'photo.jpeg',
  size: 1000,
  mimeType: 'image/jpeg',
  hasThumbnail: true,
};

/** Whether `links` accepts the link `signer` made for the photo. */
function accepts(links: AttachmentLinks, signer: AttachmentLinks): boolean {
  const url = new URL(signer.view(photo).url, 'http://api.test');
  const [expires, signature] = [url.searchParams.get('expires') ?? '', url.searchParams.get('signature') ?? ''];
  return links.verify(photo.id, 'file', expires, signature);
}

describe('AttachmentLinks', () => {
  it('signs with the first key of ATTACHMENT_LINK_KEYS and names it', () => {
    expect(linksWith({ ATTACHMENT_LINK_KEYS: `${NEW},${OLD}` }).view(photo).url).toMatch(
      /\?expires=\d+&signature=a-2026-12~[\w-]{43}$/,
    );
  });

  it('keeps a link sent before a rotation working while its key is in the set, and not after', () => {
    const before = linksWith({ ATTACHMENT_LINK_KEYS: OLD });
    expect(accepts(linksWith({ ATTACHMENT_LINK_KEYS: `${NEW},${OLD}` }), before)).toBe(true);
    expect(accepts(linksWith({ ATTACHMENT_LINK_KEYS: NEW }), before)).toBe(false);
  });

  it('verifies the links of JWT_SECRET alone while it stays set next to the key set', () => {
    const legacy = linksWith({ JWT_SECRET });
    expect(legacy.view(photo).url).toMatch(/&signature=[\w-]{43}$/);
    expect(accepts(linksWith({ JWT_SECRET, ATTACHMENT_LINK_KEYS: NEW }), legacy)).toBe(true);
    expect(accepts(linksWith({ ATTACHMENT_LINK_KEYS: NEW }), legacy)).toBe(false);
  });

  it('refuses a link for another variant or with an altered signature', () => {
    const links = linksWith({ ATTACHMENT_LINK_KEYS: NEW });
    const url = new URL(links.view(photo).url, 'http://api.test');
    const expires = url.searchParams.get('expires') ?? '';
    const signature = url.searchParams.get('signature') ?? '';
    expect(links.verify(photo.id, 'thumbnail', expires, signature)).toBe(false);
    expect(links.verify(photo.id, 'file', expires, signature.replace('a-2026-12~', 'a-2026-06~'))).toBe(false);
    expect(links.verify(photo.id, 'file', expires, signature.slice(0, -2))).toBe(false);
  });
});
