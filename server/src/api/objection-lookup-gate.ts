import type { RequestHandler } from 'express';
import type { RateLimiter } from '../auth/rate-limiter';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';

/** Limits on the public objection lookup. */
export interface ObjectionLookupGateOptions {
  /** Lookups this process runs at once; more get 503 at once, so a flood can never take the pool. */
  concurrency: number;
  /** Per-address limiter (every attempt counts, found or not). */
  perAddress: RateLimiter;
  /** Deployment-wide limiter under one key, shared by every process through PostgreSQL. */
  global: RateLimiter;
}

/**
 * Guards the anonymous lookup before any work is done for it: a bounded number in flight in this
 * process (503 with Retry-After beyond it), then the per-address and the global budget (429).
 * Wrong tails against one number are limited separately by the route (they would otherwise be a
 * way to guess the four digits from many addresses).
 */
export function createObjectionLookupGate(options: ObjectionLookupGateOptions): RequestHandler {
  let inFlight = 0;
  return async (req, res, next) => {
    const en = requestLocale(req) === 'en';
    if (inFlight >= options.concurrency) {
      throw new HttpError(503, 'busy', en ? 'Too many lookups at once; try again in a few seconds' : '当前查询人数较多，请稍后几秒再试', undefined, { 'Retry-After': '2' });
    }
    inFlight++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight--;
    };
    res.once('finish', release);
    res.once('close', release);
    try {
      const mine = await options.perAddress.hit(req.ip ?? 'unknown');
      if (!mine.allowed) {
        throw new HttpError(429, 'too_many_lookups', en ? 'Too many lookups from this address; try again later' : '查询次数过多，请稍后再试',
          undefined, { 'Retry-After': String(mine.retryAfterSeconds) });
      }
      const all = await options.global.hit('all');
      if (!all.allowed) {
        throw new HttpError(429, 'too_many_lookups', en ? 'The lookup is busy; try again later' : '查询量已达上限，请稍后再试',
          undefined, { 'Retry-After': String(all.retryAfterSeconds) });
      }
    } catch (err) {
      release();
      throw err;
    }
    next();
  };
}
