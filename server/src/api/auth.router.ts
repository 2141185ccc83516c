import { Router } from 'express';
import type { Request, Response } from 'express';
import { checkLogin } from '../auth/login';
import { publicUser } from '../auth/session-user';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { requestLocale, requireAuth } from './request-context';
import { loginBody } from './request-schemas';
import { schemaRef } from './response-schemas';
import type { LoginAnswer, MeAnswer } from '../contract';
import { chinaDateString } from '../kernel';

/** The session cookie's name. */
export const SESSION_COOKIE = 'jz_session';

function cookieOptions(ctx: ApiContext) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: ctx.secureCookies, path: '/' };
}

/** `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/me`. */
export function createAuthRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<{ username: string; password: string }>(router, {
    method: 'post', path: '/auth/login', tag: 'session', access: 'public',
    summary: 'Log in: sets the session cookie and answers the CSRF token to send as X-CSRF-Token',
    body: loginBody,
    responses: { 200: { description: 'logged in', schema: { type: 'object', properties: { user: schemaRef('User'), csrfToken: { type: 'string' } } } } },
  }, async ({ req, res, body }) => {
    const en = requestLocale(req) === 'en';
    // req.ip is the socket's address, or with TRUST_PROXY the client's address as the trusted proxies report it.
    const result = await checkLogin({ pool, tenantId: ctx.tenantId, limits: ctx.loginFailures }, { ...body, clientAddress: req.ip ?? 'unknown' });
    if ('kind' in result) {
      if (result.kind === 'rate_limited') {
        const minutes = Math.ceil(result.retryAfterSeconds / 60);
        const message = {
          account: en ? `Too many failed logins for ${body.username}; try again in ${minutes} minutes` : `${body.username} 登录失败次数过多，请 ${minutes} 分钟后再试`,
          address: en ? `Too many failed logins from this network address; try again in ${minutes} minutes` : `此网络地址登录失败次数过多，请 ${minutes} 分钟后再试`,
          global: en ? `Too many failed logins across the system; logins are limited for ${minutes} minutes` : `系统登录失败次数过多，登录暂时受限，请 ${minutes} 分钟后再试`,
        }[result.scope];
        throw new HttpError(429, 'too_many_attempts', message, undefined, { 'Retry-After': String(result.retryAfterSeconds) });
      }
      throw new HttpError(401, 'invalid_credentials', en ? 'Wrong username or password' : '用户名或密码错误');
    }
    // A new session on every login, so a cookie planted before login is worth nothing after it.
    const previous = req.cookies?.[SESSION_COOKIE];
    if (typeof previous === 'string') await ctx.sessions.delete(previous);
    const session = await ctx.sessions.create(result.id);
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(ctx));
    const answer: LoginAnswer = { user: publicUser(result), csrfToken: session.csrfToken };
    return answer;
  });

  ctx.routes.add(router, {
    method: 'post', path: '/auth/logout', tag: 'session', access: 'session', summary: 'Ends the session',
    responses: { 204: { description: 'logged out' } },
  }, async ({ req, res }: { req: Request; res: Response }) => {
    requireAuth(req);
    await ctx.sessions.delete(req.cookies[SESSION_COOKIE]);
    res.clearCookie(SESSION_COOKIE, cookieOptions(ctx));
    res.status(204).end();
  });

  ctx.routes.add(router, {
    method: 'get', path: '/me', tag: 'session', access: 'session', summary: 'The logged-in user',
    responses: { 200: { description: 'the user, and the server\'s China date that forms fill in (x-fill: today)', schema: { type: 'object', properties: { user: schemaRef('User'), today: { type: 'string', format: 'date' } } } } },
  }, ({ req }): MeAnswer => ({ user: publicUser(requireAuth(req).user), today: chinaDateString(ctx.services.clock.now()) }));

  return router;
}
