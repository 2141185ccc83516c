import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** An error as body-parser makes it (`type`, `status`), which the error handler maps to its answer. */
function parserError(type: string, status: number, message: string): Error & { type: string; status: number; expose: boolean } {
  return Object.assign(new Error(message), { type, status, expose: true });
}

/** `application/json`, alone or with `charset=utf-8`: what the web client and every API client send. */
const PLAIN_JSON = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

/**
 * The JSON body of an API request, as express.json (`strict`, UTF-8, the limit in bytes) parses it,
 * with its errors (400 malformed, 413 too large, 415 other charsets or encodings) and its
 * `req.body`. The common request (plain JSON, its length declared and within the limit, no
 * Content-Encoding) is read here in one piece; anything else (chunked, compressed, another
 * charset, too large, `+json` types) goes to express.json, which drains a refused body before it
 * answers. The plain case is every step a phone submits: express.json's stream decoding, charset
 * and type machinery cost about a twentieth of the app's CPU on a step over HTTP.
 */
export function jsonBody(options: { limitBytes: number }): RequestHandler {
  const limit = options.limitBytes;
  const general = express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
  return (req: Request, res: Response, next: NextFunction) => {
    const { headers } = req;
    const length = headers['content-length'];
    const type = headers['content-type'];
    const encoding = headers['content-encoding'];
    if (length === undefined && headers['transfer-encoding'] === undefined) {
      // No body (a GET, or a POST that sends none): nothing to parse, as express.json leaves it.
      next();
      return;
    }
    const declared = length === undefined ? NaN : Number(length);
    if (
      type === undefined || !PLAIN_JSON.test(type) || headers['transfer-encoding'] !== undefined
      || (encoding !== undefined && encoding.toLowerCase() !== 'identity')
      || !Number.isSafeInteger(declared) || declared > limit
    ) {
      general(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onAbort);
      req.removeListener('close', onClose);
      if (error) {
        next(error);
        return;
      }
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
      if (text.length === 0) {
        req.body = {};
        next();
        return;
      }
      // strict: an object or an array, as express.json's `strict` takes.
      const first = /\S/.exec(text)?.[0];
      if (first !== '{' && first !== '[') {
        next(parserError('entity.parse.failed', 400, 'the body is not a JSON object or array'));
        return;
      }
      try {
        req.body = JSON.parse(text) as unknown;
      } catch (error) {
        next(parserError('entity.parse.failed', 400, (error as Error).message));
        return;
      }
      next();
    };
    const onData = (chunk: Buffer) => { chunks.push(chunk); };
    const onEnd = () => finish();
    const onAbort = () => finish(parserError('request.aborted', 400, 'request aborted'));
    const onClose = () => { if (!req.complete) onAbort(); };
    req.body = undefined;
    if (declared === 0) {
      // Nothing to read: as express.json, an empty JSON body is `{}`.
      req.body = {};
      next();
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  };
}
