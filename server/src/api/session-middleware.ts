import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiContext } from './api-context';
import { SESSION_COOKIE } from './auth.router';
import { HttpError } from './http-error';
import { toRequestAuth } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Login makes a new session whatever cookie came with it, so it needs no token. */
const CSRF_EXEMPT = new Set(['/auth/login']);

/** Reads the session cookie; a live session sets `req.auth`, anything else leaves the request anonymous. */
export function createSessionMiddleware(ctx: ApiContext): RequestHandler {
  return async (req, _res, next) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token) {
      const session = await ctx.sessions.find(token);
      if (session) req.auth = toRequestAuth(session);
    }
    next();
  };
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every mutating request that rides on a session must carry the session's token in
 * `X-CSRF-Token`: a page on another site can make the browser send the cookie, never the header.
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (!req.auth || SAFE_METHODS.has(req.method) || CSRF_EXEMPT.has(req.path)) return next();
  const sent = req.get('x-csrf-token');
  if (!sent || !sameToken(sent, req.auth.session.csrfToken)) {
    throw new HttpError(403, 'csrf', 'Missing or wrong X-CSRF-Token header: send the csrfToken the login answered');
  }
  next();
};
