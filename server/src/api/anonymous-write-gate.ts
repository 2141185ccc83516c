import type { RequestHandler } from 'express';
import type { RateLimiter } from '../auth/rate-limiter';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';

/** Limits on what anonymous callers may write (objections), besides the per-address limit. */
export interface AnonymousWriteGateOptions {
  /** Anonymous writes this process runs at once; more get 503 at once, so they can never take the whole pool. */
  concurrency: number;
  /** Per-address limiter (every attempt counts). */
  perAddress: RateLimiter;
  /** Deployment-wide limiter under one key, shared by every process through PostgreSQL. */
  global: RateLimiter;
}

/**
 * Guards an anonymous write route: a bounded number in flight in this process (503 with
 * Retry-After beyond it), then the per-address and the global budget (429). Every attempt counts,
 * well-formed or not, so a flood is cut off before any work is done for it.
 */
export function createAnonymousWriteGate(options: AnonymousWriteGateOptions): RequestHandler {
  let inFlight = 0;
  return async (req, res, next) => {
    const en = requestLocale(req) === 'en';
    if (inFlight >= options.concurrency) {
      throw new HttpError(503, 'busy', en ? 'Too many submissions are being processed; try again in a few seconds' : '当前提交人数较多，请稍后几秒再试',
        undefined, { 'Retry-After': '2' });
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
        throw new HttpError(429, 'too_many_objections', en ? 'Too many objections from this address; try again later' : '提交次数过多，请稍后再试',
          undefined, { 'Retry-After': String(mine.retryAfterSeconds) });
      }
      const all = await options.global.hit('all');
      if (!all.allowed) {
        throw new HttpError(429, 'too_many_submissions', en ? 'The notice board takes no more objections just now; try again later' : '公示异议提交量已达上限，请稍后再试',
          undefined, { 'Retry-After': String(all.retryAfterSeconds) });
      }
    } catch (err) {
      release();
      throw err;
    }
    next();
  };
}
