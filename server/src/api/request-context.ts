import type { Request } from 'express';
import type { Session } from '../auth/session-store';
import type { SessionUser } from '../auth/session-user';
import { toActor } from '../auth/session-user';
import type { Actor } from '../kernel';
import { HttpError } from './http-error';

/** The language of messages: zh-CN unless the client asks for English. */
export type Locale = 'zh-CN' | 'en';

/** What the API keeps about the caller for one request. */
export interface RequestAuth {
  session: Session;
  user: SessionUser;
  actor: Actor;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set when the request carries a live session cookie. */
    auth?: RequestAuth;
  }
}

/** Builds the request's auth from a session. */
export function toRequestAuth(session: Session): RequestAuth {
  return { session, user: session.user, actor: toActor(session.user) };
}

/** The caller's session, or a 401 for routes that need one. */
export function requireAuth(req: Request): RequestAuth {
  if (!req.auth) throw new HttpError(401, 'unauthenticated', 'Log in first: this needs a session (POST /api/auth/login)');
  return req.auth;
}

/**
 * The language for messages: English when the first language the client names is English,
 * zh-CN otherwise (the county's working language).
 */
export function requestLocale(req: Request): Locale {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string' || header === '') return 'zh-CN';
  const ranked = header.split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * Whether the request asks for a minimal answer (`Prefer: return=minimal`, RFC 7240). Preferences
 * are comma-separated, each maybe with parameters after `;`, names and values case-insensitive.
 */
export function prefersMinimalReturn(req: Request): boolean {
  const header = req.headers.prefer;
  const values = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  return values.some((value) => value.split(',').some((preference) => {
    const [token] = preference.split(';');
    return token.trim().replace(/\s*=\s*/, '=').replace(/"/g, '').toLowerCase() === 'return=minimal';
  }));
}
