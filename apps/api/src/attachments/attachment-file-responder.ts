import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { TokenService } from '../auth/token.service';
import { notFound } from '../common/app-exception';
import { AttachmentLinks, type AttachmentVariant } from './attachment-links';
import { AttachmentsService } from './attachments.service';

export interface FileRequest {
  id: string;
  variant: AttachmentVariant;
  expires: string | undefined;
  signature: string | undefined;
  authorization: string | undefined;
}

/** Nothing is executed or rendered as a page from a file, wherever it is opened. */
const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

/**
 * Answers a signed attachment link: the bytes with their stored type, `nosniff`, a CSP that allows
 * nothing, and `Content-Disposition: attachment` for documents. Every refusal (expired, altered,
 * unsent, someone outside the conversation) is the same 404, so a link reveals nothing.
 */
@Injectable()
export class AttachmentFileResponder {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly links: AttachmentLinks,
    private readonly tokens: TokenService,
  ) {}

  async send(response: Response, request: FileRequest): Promise<void> {
    const missing = notFound('No attachment answers this link: it has expired or is not yours.');
    if (!request.expires || !request.signature) throw missing;
    if (!this.links.verify(request.id, request.variant, request.expires, request.signature)) throw missing;
    const viewer = request.authorization ? await this.viewer(request.authorization) : null;
    if (viewer === undefined) throw missing;
    const file = await this.attachments.open(request.id, request.variant === 'thumbnail', viewer);
    if (!file) throw missing;
    const secondsLeft = Math.max(0, Number(request.expires) - Math.floor(Date.now() / 1000));
    response
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Length': String(file.data.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': FILE_CSP,
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': `private, max-age=${secondsLeft}, immutable`,
        'Content-Disposition': contentDisposition(file.download ? 'attachment' : 'inline', file.name),
      })
      .end(file.data);
  }

  /** The user a token stands for; undefined when the token is not valid (answered as 404). */
  private async viewer(authorization: string): Promise<AuthUser | undefined> {
    try {
      return await this.tokens.verify(TokenService.fromHeader(authorization));
    } catch {
      return undefined;
    }
  }
}

/** RFC 6266: an ASCII fallback name and the exact one in UTF-8 (RFC 8187). */
function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
