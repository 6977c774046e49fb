import type { NextFunction, Request, Response } from 'express';

/**
 * API answers (tokens, messages, profiles, errors) are never kept by a browser's cache or a
 * proxy: a shared computer's next user or a cache in between must not find them. Routes with a
 * caching policy of their own (the signed attachment files) set theirs over this one; the docs
 * page keeps its defaults.
 */
export function noStore(request: Request, response: Response, next: NextFunction): void {
  if (!request.path.startsWith('/api/docs')) response.setHeader('Cache-Control', 'no-store');
  next();
}
