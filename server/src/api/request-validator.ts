import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import localizeZh from 'ajv-i18n/localize/zh';
import { isPlausibleDate } from '../forms/custom-formats';
import { HttpError } from './http-error';
import type { Locale } from './request-context';

/** A JSON Schema (2020-12) as the request schemas and the OpenAPI document write it. */
export type JsonSchema = Record<string, unknown>;

/** Where a request value comes from; query strings are coerced from text, bodies are not. */
export type RequestPart = 'body' | 'query' | 'params';

const PART_LABEL: Record<RequestPart, Record<Locale, string>> = {
  body: { 'zh-CN': '请求内容有误', en: 'The request body has errors' },
  query: { 'zh-CN': '查询参数有误', en: 'The query parameters have errors' },
  params: { 'zh-CN': '路径参数有误', en: 'The path parameters have errors' },
};

/** The JSON pointer of the value an error is about (the missing or unknown property itself, not its parent). */
function pointerOf(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${String(error.params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${String(error.params.additionalProperty)}`;
  return error.instancePath;
}

function messageOf(error: ErrorObject, locale: Locale): string {
  if (error.keyword === 'additionalProperties') {
    return locale === 'en' ? 'is not a known field; remove it' : '不是可接受的字段，请删除';
  }
  if (error.keyword === 'required') return locale === 'en' ? 'is required' : '必填';
  return error.message ?? error.keyword;
}

const NON_FINITE: Record<Locale, string> = { 'zh-CN': '应为有限的数字', en: 'must be a finite number' };

/**
 * Pointers of the numbers in a checked value that are not finite. AJV coerces the query text `1e400`
 * or `Infinity` to Infinity and its `integer` and `maximum` checks then pass it, so a page of
 * Infinity reached SQL as an offset PostgreSQL refused.
 */
function nonFinitePointers(value: unknown, pointer = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [pointer];
  if (value === null || typeof value !== 'object') return [];
  // Query strings and path parameters are flat, bodies shallow; the JSON edge check bounds depth anyway.
  return Object.entries(value).flatMap(([key, item]) => nonFinitePointers(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

const DATE_TIME = /^(\d{4})-\d{2}-\d{2}[Tt ]/;

/**
 * The time formats of the request schemas, with the forms' plausible range: ajv-formats takes year
 * 0000, which PostgreSQL refuses as a timestamp (a 500 on `?from=0000-01-01` before).
 */
function addDateRanges(ajv: Ajv2020): Ajv2020 {
  const dateTime = fullFormats['date-time'] as { validate: (value: string) => boolean };
  ajv.addFormat('date', isPlausibleDate);
  ajv.addFormat('date-time', (value: string) => {
    const year = Number(DATE_TIME.exec(value)?.[1]);
    return dateTime.validate(value) && year >= 1900 && year <= 2100;
  });
  return ajv;
}

/** Field messages keyed by JSON pointer, in the caller's language. */
export function toFieldMessages(errors: ErrorObject[], locale: Locale): Record<string, string[]> {
  const localized = errors.map((e) => ({ ...e }));
  if (locale === 'zh-CN') localizeZh(localized);
  const fields: Record<string, string[]> = {};
  for (const error of localized) {
    // A failed `if` only repeats the error of its `then`.
    if (error.keyword === 'if') continue;
    const pointer = pointerOf(error);
    const message = messageOf(error, locale);
    const list = (fields[pointer] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return fields;
}

/**
 * Compiles the request schemas once: bodies strictly (no coercion, unknown fields refused),
 * query strings and path parameters with coercion from text.
 */
export function createRequestValidator() {
  const strict = addDateRanges(addFormats(new Ajv2020({ allErrors: true, strict: true, coerceTypes: false })));
  const coercing = addDateRanges(addFormats(new Ajv2020({ allErrors: true, strict: true, coerceTypes: 'array', useDefaults: true })));
  const cache = new Map<JsonSchema, ValidateFunction>();
  const compiled = (schema: JsonSchema, part: RequestPart) => {
    let fn = cache.get(schema);
    if (!fn) cache.set(schema, (fn = (part === 'body' ? strict : coercing).compile(schema)));
    return fn;
  };
  return {
    /** Checks (and for query strings, coerces in place) one part of a request; a failure is a 400 with field messages. */
    check(part: RequestPart, schema: JsonSchema, value: unknown, locale: Locale): void {
      const fn = compiled(schema, part);
      if (fn(value)) {
        const nonFinite = nonFinitePointers(value);
        if (nonFinite.length === 0) return;
        throw new HttpError(400, 'invalid', PART_LABEL[part][locale], Object.fromEntries(nonFinite.map((p) => [p, [NON_FINITE[locale]]])));
      }
      throw new HttpError(400, 'invalid', PART_LABEL[part][locale], toFieldMessages(fn.errors ?? [], locale));
    },
    /** Compiles a schema now, so a mistake in it fails at start rather than at the first request. */
    prepare(part: RequestPart, schema: JsonSchema): void {
      compiled(schema, part);
    },
  };
}

export type RequestValidator = ReturnType<typeof createRequestValidator>;
