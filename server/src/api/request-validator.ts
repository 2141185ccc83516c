import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeZh from 'ajv-i18n/localize/zh';
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
  const strict = addFormats(new Ajv2020({ allErrors: true, strict: true, coerceTypes: false }));
  const coercing = addFormats(new Ajv2020({ allErrors: true, strict: true, coerceTypes: 'array', useDefaults: true }));
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
      if (fn(value)) return;
      throw new HttpError(400, 'invalid', PART_LABEL[part][locale], toFieldMessages(fn.errors ?? [], locale));
    },
    /** Compiles a schema now, so a mistake in it fails at start rather than at the first request. */
    prepare(part: RequestPart, schema: JsonSchema): void {
      compiled(schema, part);
    },
  };
}

export type RequestValidator = ReturnType<typeof createRequestValidator>;
