import type { RequestHandler } from 'express';
import { HttpError } from './http-error';
import type { Locale } from './request-context';
import { requestLocale } from './request-context';

/**
 * Values PostgreSQL cannot store or this app cannot process safely, refused at the edge with a 400
 * before any handler runs. PostgreSQL rejects a NUL character in `text` and `jsonb` ("invalid byte
 * sequence for encoding UTF8: 0x00") and a lone UTF-16 surrogate in `jsonb` ("unsupported Unicode
 * escape sequence"); without this check both reached the database and came back as 500s.
 */
export type UnsafeValueProblem = 'nul' | 'surrogate' | 'nonFinite' | 'tooDeep' | 'protoKey' | 'path';

/**
 * How deep a JSON body may nest. Real form data nests about six levels and a definition document
 * (states within states, JsonLogic guards) a few dozen; a thousand-deep array is an attack on the
 * recursive code downstream (JSON.stringify, AJV, PostgreSQL's jsonb parser), not data.
 */
export const MAX_JSON_DEPTH = 100;

/** At most this many problems are named in one answer: enough to fix a form, not a body's worth of echo. */
const MAX_REPORTED = 20;

const MESSAGES: Record<UnsafeValueProblem, Record<Locale, string>> = {
  nul: { 'zh-CN': '不能包含空字符（\\u0000）', en: 'must not contain a NUL character (\\u0000)' },
  surrogate: { 'zh-CN': '含有无效的 Unicode 字符（不成对的代理项）', en: 'contains an invalid Unicode character (a lone surrogate)' },
  nonFinite: { 'zh-CN': '数值超出可处理的范围', en: 'is a number out of the range that can be processed' },
  tooDeep: { 'zh-CN': `嵌套层次过深（最多 ${MAX_JSON_DEPTH} 层）`, en: `is nested too deeply (at most ${MAX_JSON_DEPTH} levels)` },
  protoKey: { 'zh-CN': '字段名 __proto__ 不可使用', en: 'the field name __proto__ is not allowed' },
  path: { 'zh-CN': '路径中含有无效的百分号编码或字符', en: 'contains invalid percent-encoding or characters' },
};

const SUMMARY: Record<Locale, string> = {
  'zh-CN': '请求中含有无法保存的字符或数值',
  en: 'The request holds characters or numbers that cannot be stored',
};

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// Written without the `u` flag on purpose: it must see UTF-16 code units, not code points.
// eslint-disable-next-line no-control-regex -- a NUL is precisely what this looks for
const UNSAFE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a string, or `undefined` when PostgreSQL can store it. */
export function textProblem(text: string): 'nul' | 'surrogate' | undefined {
  const match = UNSAFE_CHARACTER.exec(text);
  if (match === null) return undefined;
  return match[0] === '\u0000' ? 'nul' : 'surrogate';
}

/** One JSON pointer token (RFC 6901), with characters that cannot be sent back replaced by U+FFFD. */
function pointerToken(key: string): string {
  const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
  return textProblem(escaped) === undefined ? escaped : escaped.replace(new RegExp(UNSAFE_CHARACTER.source, 'g'), '\ufffd');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  // JSON bodies are plain objects; querystring's result has a null prototype.
  return proto === Object.prototype || proto === null;
}

/**
 * Finds the values in a parsed JSON document or query string that cannot be stored: strings and
 * keys with NUL or lone surrogates, non-finite numbers (`1e400` parses to Infinity), nesting deeper
 * than {@link MAX_JSON_DEPTH} and `__proto__` keys. Walks with its own stack, so a deep document
 * cannot overflow the call stack.
 * @param root - the pointer the value sits at (`''` for a body, `/query` for the query string)
 * @returns problems by JSON pointer, at most twenty
 */
export function findUnsafeValues(value: unknown, root = ''): Array<{ pointer: string; problem: UnsafeValueProblem }> {
  const found: Array<{ pointer: string; problem: UnsafeValueProblem }> = [];
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value, pointer: root, depth: 0 }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { value: current, pointer, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) found.push({ pointer, problem });
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current)) found.push({ pointer, problem: 'nonFinite' });
    } else if (Array.isArray(current) || isPlainObject(current)) {
      if (depth >= MAX_JSON_DEPTH) {
        found.push({ pointer, problem: 'tooDeep' });
        continue;
      }
      const entries = Array.isArray(current) ? current.map((item, i) => [String(i), item] as const) : Object.entries(current);
      // Pushed in reverse so that problems are reported in document order.
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, item] = entries[i];
        const child = `${pointer}/${pointerToken(key)}`;
        if (!Array.isArray(current)) {
          const keyProblem = key === '__proto__' ? 'protoKey' : textProblem(key);
          if (keyProblem) {
            found.push({ pointer: child, problem: keyProblem });
            continue;
          }
        }
        stack.push({ value: item, pointer: child, depth: depth + 1 });
      }
    }
  }
  return found;
}

/** The answer's `fields`: messages by pointer, in the caller's language. */
function toFields(problems: Array<{ pointer: string; problem: UnsafeValueProblem }>, locale: Locale): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const { pointer, problem } of problems) {
    const list = (fields[pointer] ??= []);
    const message = MESSAGES[problem][locale];
    if (!list.includes(message)) list.push(message);
  }
  return fields;
}

/**
 * True when every segment of a raw URL path decodes and none holds a NUL. Express 5 decodes route
 * parameters itself and turns a bad escape (`/api/tasks/%ff`) into an error without an HTTP status
 * the error handler knows, which became a 500.
 */
export function isDecodablePath(rawPath: string): boolean {
  for (const segment of rawPath.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (textProblem(decoded) !== undefined) return false;
  }
  return true;
}

/**
 * Refuses, with a 400 and field messages in the caller's language, a request whose path, query
 * string or JSON body holds what {@link findUnsafeValues} finds. Mount it after the JSON parser and
 * before the routers. Body problems are named by their pointer in the body (`/data/household/head/name`),
 * query ones below `/query` (`/query/q`), a bad path as `/path`.
 */
export const rejectUnsafeText: RequestHandler = (req, _res, next) => {
  const locale = requestLocale(req);
  const rawPath = req.originalUrl.split('?')[0];
  const problems: Array<{ pointer: string; problem: UnsafeValueProblem }> = [];
  if (!isDecodablePath(rawPath)) problems.push({ pointer: '/path', problem: 'path' });
  problems.push(...findUnsafeValues(req.query, '/query'));
  // Only a parsed JSON body is walked; an upload's raw bytes are the upload's own business.
  if (Array.isArray(req.body) || isPlainObject(req.body)) problems.push(...findUnsafeValues(req.body, ''));
  if (problems.length === 0) {
    next();
    return;
  }
  next(new HttpError(400, 'invalid', SUMMARY[locale], toFields(problems.slice(0, MAX_REPORTED), locale)));
};
