import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { StepLimitError } from '../engine';
import { isDatabaseUnavailable, OperationalError, UserError, ValidationError } from '../kernel';
import type { Logger } from '../kernel';
import { statusOfUserError } from './error-status';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';


/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]> };
}

const bodyOf = (code: string, message: string, fields?: Record<string, string[]>): ErrorBody => ({ error: fields ? { code, message, fields } : { code, message } });

/** Errors of express.json / express.raw (body-parser) by their `type`. */
function parserError(error: unknown, en: boolean): { status: number; body: ErrorBody } | undefined {
  const err = (error ?? {}) as { type?: unknown; limit?: unknown };
  switch (err.type) {
    case 'entity.parse.failed':
      return { status: 400, body: bodyOf('malformed_json', en ? 'The request body is not valid JSON' : '请求内容不是有效的 JSON') };
    case 'entity.too.large':
      return { status: 413, body: bodyOf('too_large', en ? `The request body is larger than the limit of ${err.limit} bytes` : `请求内容超过 ${err.limit} 字节的上限`) };
    case 'encoding.unsupported': case 'charset.unsupported':
      return { status: 415, body: bodyOf('unsupported_encoding', en ? 'Send the body as UTF-8' : '请以 UTF-8 编码发送') };
    case 'request.aborted':
      return { status: 400, body: bodyOf('aborted', 'The request was aborted') };
    default:
      return undefined;
  }
}

/**
 * Maps every error to `{ error: { code, message, fields? } }`: user errors to their 4xx, anything
 * else to a 500 that names a reference id and is logged with it; no stack trace leaves the server.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const en = requestLocale(req) === 'en';
    if (res.headersSent) {
      logger.error('error after the answer started', { path: req.path, error: (err as Error)?.message });
      res.end();
      return;
    }
    if (err instanceof HttpError) {
      if (err.headers) res.set(err.headers);
      res.status(err.status).json(bodyOf(err.code, err.message, err.fields));
      return;
    }
    if (err instanceof StepLimitError) {
      // The definition's eventless transitions never came to rest: nothing was written, the definition must change.
      res.status(422).json(bodyOf(err.code, en ? err.en : err.zh));
      return;
    }
    const userStatus = err instanceof UserError ? statusOfUserError(err) : undefined;
    if (userStatus) {
      res.status(userStatus).json(bodyOf(err.code, err.message, err instanceof ValidationError ? err.fields : undefined));
      return;
    }
    if (err instanceof OperationalError || isDatabaseUnavailable(err)) {
      // The system cannot serve now (database down, pool saturated): say so and when to retry, never a 500 or a hang.
      const retryAfter = err instanceof OperationalError ? err.retryAfterSeconds : 5;
      logger.warn('service unavailable', { method: req.method, path: req.path, error: (err as Error)?.message });
      res.set('Retry-After', String(retryAfter)).status(503)
        .json(bodyOf('unavailable', en ? `The service is busy or its database is unavailable; try again in ${retryAfter} s` : `系统繁忙或数据库暂时不可用，请 ${retryAfter} 秒后重试`));
      return;
    }
    const parsed = parserError(err, en);
    if (parsed) {
      res.status(parsed.status).json(parsed.body);
      return;
    }
    const reference = randomUUID();
    logger.error('request failed', { reference, method: req.method, path: req.path, user: req.auth?.user.username, error: (err as Error)?.message, stack: (err as Error)?.stack });
    res.status(500).json(bodyOf('internal', en ? `Something went wrong on the server (reference ${reference})` : `服务器内部错误（编号 ${reference}）`));
  };
}

/** The answer for an `/api` path no route serves. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(bodyOf('not_found', `No API endpoint ${req.method} ${req.originalUrl.split('?')[0]}`));
};
