import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { withLogContext } from '../kernel';
import type { Logger } from '../kernel';

/** An incoming X-Request-Id is kept when it looks like an id (a proxy's or a client's); anything else is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The route pattern a request matched (`/api/tasks/:id/complete`), never its raw path, which holds ids. */
export function routePattern(req: Request): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  if (req.route) return 'client';
  return req.originalUrl.startsWith('/api') ? 'unmatched' : 'static';
}

/** What a request reports when it ends (the HTTP latency histogram). */
export type RequestObserver = (request: { method: string; route: string; status: number; seconds: number }) => void;

/**
 * Gives each request an id (X-Request-Id, echoed in the answer), puts it on every log line
 * written while the request runs, and when it ends writes one line and reports its latency.
 */
export function createRequestLog(logger: Logger, observe?: RequestObserver): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePattern(req);
      observe?.({ method: req.method, route, status: res.statusCode, seconds });
      logger.info('request', { requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10, user: req.auth?.user.username });
    });
    withLogContext({ requestId }, next);
  };
}
