import type { RequestHandler } from 'express';
import type { RateLimiter } from '../auth/rate-limiter';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';

/** Limits on what anonymous callers may send to one route, besides the per-address limit. */
export interface AnonymousGateOptions {
  /** Requests this process runs at once; more get 503 at once, so they can never take the whole pool. */
  concurrency: number;
  /** Per-address limiter (every attempt counts). */
  perAddress: RateLimiter;
  /** Deployment-wide limiter under one key, shared by every process through PostgreSQL. */
  global: RateLimiter;
}

/** What a gate answers when it refuses: [code, English, Chinese] for each of its three limits. */
export interface AnonymousGateMessages {
  busy: [en: string, zh: string];
  perAddress: [code: string, en: string, zh: string];
  global: [code: string, en: string, zh: string];
}

/**
 * Guards an anonymous route: a bounded number in flight in this process (503 with Retry-After
 * beyond it), then the per-address and the global budget (429). Every attempt counts, well-formed
 * or not, so a flood is cut off before any work is done for it.
 */
export function createAnonymousGate(options: AnonymousGateOptions, messages: AnonymousGateMessages): RequestHandler {
  let inFlight = 0;
  return async (req, res, next) => {
    const en = requestLocale(req) === 'en';
    if (inFlight >= options.concurrency) {
      throw new HttpError(503, 'busy', en ? messages.busy[0] : messages.busy[1], undefined, { 'Retry-After': '2' });
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
      for (const [limiter, key, [code, enText, zhText]] of [
        [options.perAddress, req.ip ?? 'unknown', messages.perAddress],
        [options.global, 'all', messages.global],
      ] as const) {
        const verdict = await limiter.hit(key);
        if (!verdict.allowed) throw new HttpError(429, code, en ? enText : zhText, undefined, { 'Retry-After': String(verdict.retryAfterSeconds) });
      }
    } catch (err) {
      release();
      throw err;
    }
    next();
  };
}

/** The gate in front of anonymous objections. */
export function createAnonymousWriteGate(options: AnonymousGateOptions): RequestHandler {
  return createAnonymousGate(options, {
    busy: ['Too many submissions are being processed; try again in a few seconds', '当前提交人数较多，请稍后几秒再试'],
    perAddress: ['too_many_objections', 'Too many objections from this address; try again later', '提交次数过多，请稍后再试'],
    global: ['too_many_submissions', 'The notice board takes no more objections just now; try again later', '公示异议提交量已达上限，请稍后再试'],
  });
}

/**
 * The gate in front of the public objection lookup. Wrong tails against one number are limited
 * separately by the route (they would otherwise be a way to guess the four digits from many addresses).
 */
export function createObjectionLookupGate(options: AnonymousGateOptions): RequestHandler {
  return createAnonymousGate(options, {
    busy: ['Too many lookups at once; try again in a few seconds', '当前查询人数较多，请稍后几秒再试'],
    perAddress: ['too_many_lookups', 'Too many lookups from this address; try again later', '查询次数过多，请稍后再试'],
    global: ['too_many_lookups', 'The lookup is busy; try again later', '查询量已达上限，请稍后再试'],
  });
}
