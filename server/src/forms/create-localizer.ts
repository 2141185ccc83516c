import type { Localizer } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';

import type { Locale } from './form-document';
import { FILE_REF_FORMAT } from './file-refs';
import { findIdCardProblem } from './id-card';
import { customKeywords } from './keywords/custom-keywords';
import { formatMessage, MESSAGE_KEY_PREFIX } from './messages';

const MAX_LISTED_OPTIONS = 12;
const LIMIT_KEYWORDS = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems',
]);
const CUSTOM_KEYWORDS = new Set(customKeywords.map((definition) => definition.keyword as string));
// A failed branch of an option list (`oneOf: [{ const, title }]`) repeats what the `oneOf` error says;
// rows that do not match a `contains` are fine in themselves, only the `contains` error counts.
const ECHO_PATH = /\/(oneOf|anyOf)\/\d+\/const$|\/contains\//;

function optionList(values: string[], locale: Locale): string | undefined {
  if (values.length > MAX_LISTED_OPTIONS) return formatMessage('enumLong', locale);
  return formatMessage('enum', locale, { values: values.join(locale === 'en' ? ', ' : '、') });
}

/** The labels of a `oneOf` that is a list of options, or `undefined` when its branches are real schemas. */
function optionLabels(branches: unknown, locale: Locale): string[] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const labels: string[] = [];
  for (const branch of branches as Record<string, unknown>[]) {
    if (branch === null || typeof branch !== 'object' || !('const' in branch)) return undefined;
    const label = locale === 'en' ? (branch['x-title-en'] ?? branch.const) : (branch.title ?? branch.const);
    labels.push(String(label));
  }
  return labels;
}

/**
 * "请填写户主姓名" / "请选择性别": the missing field's title (from the schema that requires it) and
 * what to do; "此项为必填项" only when the field has no title.
 */
function requiredMessage(error: ErrorObject, locale: Locale): string | undefined {
  const properties = (error.parentSchema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties;
  return requiredFieldMessage(properties?.[String(error.params.missingProperty)], locale);
}

/**
 * What to say when a field is missing, from its schema: "请填写户主姓名" (or "请选择…" for a choice),
 * "此项为必填项" only for a field without a title. The browser uses it where rjsf's errors lack it.
 */
export function requiredFieldMessage(field: Record<string, unknown> | undefined, locale: Locale): string | undefined {
  const title = field && (locale === 'en' ? field['x-title-en'] ?? field.title : field.title);
  if (!field || typeof title !== 'string' || !title) return formatMessage('required', locale);
  const chosen = field.enum !== undefined || field.oneOf !== undefined || field.type === 'boolean' || field.format === 'date';
  return formatMessage(chosen ? 'required.choose' : 'required.fill', locale, { title });
}

/** The message a project rule's settings give (`{ "from": …, "message": "…" }`; a `sumAtMost` rule passes its own in the params). */
function ownMessage(error: ErrorObject): string | undefined {
  if (typeof error.params.ownMessage === 'string') return error.params.ownMessage;
  const config = error.schema as { message?: unknown } | undefined;
  return config !== null && typeof config === 'object' && !Array.isArray(config) && typeof config.message === 'string' ? config.message : undefined;
}

/** Whether a list's rows are uploads (`format: file-ref`). */
function isFileList(schema: unknown): boolean {
  const items = (schema as { items?: { format?: unknown } } | undefined)?.items;
  return items?.format === FILE_REF_FORMAT;
}

function keyedMessage(error: ErrorObject, locale: Locale): string | undefined {
  const key = error.message?.startsWith(MESSAGE_KEY_PREFIX) ? error.message.slice(MESSAGE_KEY_PREFIX.length) : undefined;
  if (key === undefined) return undefined;
  const original = (error.params.errors as ErrorObject[] | undefined)?.[0];
  return formatMessage(key, locale, original?.params);
}

/** Our wording for one error, or `undefined` to keep ajv-i18n's (or the schema author's) text. */
function messageFor(error: ErrorObject, locale: Locale): string | undefined {
  const { keyword, params } = error;
  if (keyword === 'errorMessage') return keyedMessage(error, locale);
  if (keyword === 'required') return requiredMessage(error, locale);
  if (keyword === 'type') {
    const type = String(params.type).split(',')[0];
    return formatMessage('type', locale, { type: formatMessage(`type.${type}`, locale) ?? type });
  }
  // A list of uploads counts files: "最多上传 2 个文件".
  if ((keyword === 'minItems' || keyword === 'maxItems') && isFileList(error.parentSchema)) return formatMessage(`${keyword}.files`, locale, params);
  if (LIMIT_KEYWORDS.has(keyword)) return formatMessage(keyword, locale, params);
  // The pattern itself means nothing to the person filling in the form; schemas say more with errorMessage.
  if (keyword === 'pattern') return formatMessage('pattern', locale);
  if (keyword === 'enum') return optionList((params.allowedValues as unknown[]).map(String), locale);
  if (keyword === 'oneOf') {
    const labels = optionLabels(error.schema, locale);
    return labels === undefined ? undefined : optionList(labels, locale);
  }
  if (keyword === 'const') {
    return params.allowedValue === true
      ? formatMessage('constTrue', locale)
      : formatMessage('const', locale, { value: params.allowedValue });
  }
  if (keyword === 'uniqueItems') {
    const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
    return formatMessage('uniqueItems', locale, { first: first + 1, second: second + 1 });
  }
  if (keyword === 'format') {
    if (params.format === 'id-card' && typeof error.data === 'string') {
      return formatMessage(`format.id-card.${findIdCardProblem(error.data) ?? 'checksum'}`, locale);
    }
    return formatMessage(`format.${String(params.format)}`, locale);
  }
  if (CUSTOM_KEYWORDS.has(keyword)) {
    // The form's own Chinese message for this rule (`"message"` in its settings), said in Chinese only.
    const own = locale === 'en' ? undefined : ownMessage(error);
    if (own !== undefined) return own;
    return formatMessage(params.reason === undefined ? keyword : `${keyword}.${String(params.reason)}`, locale, params);
  }
  return undefined;
}

/** Drops errors that only repeat another one: `if` (its `then` errors say why), option branches, `contains` rows. */
function dropEchoes(errors: ErrorObject[]): void {
  for (let i = errors.length - 1; i >= 0; i -= 1) {
    if (errors[i].keyword === 'if' || ECHO_PATH.test(errors[i].schemaPath)) errors.splice(i, 1);
  }
}

/**
 * The rjsf `Localizer` for a locale: rewrites AJV's messages in place (ajv-i18n for the generic
 * keywords, the `MESSAGES` catalog for the rest) and drops echo errors. Errors from ajv-errors keep
 * the schema's own text, except `msg:<key>` texts, which come from the catalog.
 * Needs AJV's `verbose` option (rjsf sets it) for option labels and the ID-number diagnosis.
 */
export function createLocalizer(locale: Locale): Localizer {
  const localizeGeneric = locale === 'en' ? localizeEn : localizeZh;
  return (errors) => {
    if (!errors?.length) return;
    dropEchoes(errors);
    // ajv-i18n would overwrite the texts ajv-errors put there.
    localizeGeneric(errors.filter((error) => error.keyword !== 'errorMessage'));
    for (const error of errors) {
      const message = messageFor(error, locale);
      if (message !== undefined) error.message = message;
    }
  };
}
