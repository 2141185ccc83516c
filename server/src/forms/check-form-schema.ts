import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';

import { customFormats } from './custom-formats';
import { extendAjv } from './extend-ajv';
import { createFormValidator } from './create-form-validator';
import type { Locale } from './form-document';
import { findComputeIssues } from './keywords/compute.keyword';
import { findRuleReferenceProblems, RULE_NAMES_ZH } from './rule-references';

/**
 * A problem of a form schema, with where it sits as a pointer into the saved body: `/schema` and
 * below for the JSON Schema itself (`/schema/properties/members`), `/schema/examples/<i>/<pointer>` for an example.
 */
export interface FormSchemaProblem {
  at: string;
  message: string;
}

let strictAjv: Ajv2020 | undefined;

/** An AJV that refuses what rjsf's lenient one lets through: unknown keywords and formats, and keyword values their meta-schema refuses. */
function createStrictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true });
  // The formats rjsf's validator knows (uuid, email, date-time…), then ours over them, as in the browser.
  addFormats(ajv);
  for (const [name, validate] of Object.entries(customFormats)) ajv.addFormat(name, validate);
  // rjsf's own annotation for the labels of enum values.
  ajv.addKeyword({ keyword: 'enumNames', schemaType: 'array' });
  return extendAjv(ajv) as Ajv2020;
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = ['items', 'contains', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'not', 'if', 'then', 'else'];

const text = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

function localized(errors: ErrorObject[], locale: Locale): string {
  (locale === 'en' ? localizeEn : localizeZh)(errors);
  return errors.map((e) => `${e.instancePath ? `${e.instancePath} ` : ''}${e.message ?? ''}`.trim()).join(locale === 'en' ? '; ' : '；');
}

/**
 * Each node of the schema, with its pointer: keywords no vocabulary knows, formats no one
 * registered, project keywords whose settings their meta-schema refuses, and computed values using
 * operators the server does not run.
 */
function walkNodes(ajv: Ajv2020, schema: Json, locale: Locale, out: FormSchemaProblem[]): void {
  const known = (ajv as unknown as { RULES: { keywords: Record<string, unknown> } }).RULES.keywords;
  const visit = (node: unknown, at: string): void => {
    if (!isJson(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (!(key in known)) {
        out.push({ at, message: text(locale, `不认识的设置“${key}”`, `unknown keyword "${key}"`) });
        continue;
      }
      if (key === 'format' && typeof value === 'string' && !ajv.formats[value]) {
        out.push({ at, message: text(locale, `不认识的格式“${value}”`, `unknown format "${value}"`) });
      }
      const definition = ajv.getKeyword(key);
      if (typeof definition === 'object' && definition.metaSchema && key !== 'x-compute') {
        const validate = ajv.compile(definition.metaSchema);
        if (!validate(value)) {
          const name = RULE_NAMES_ZH[key];
          const detail = localized([...(validate.errors ?? [])], locale);
          out.push({ at, message: text(locale, `${name ? `${name}（${key}）` : key}的设置有误：${detail}`, `the settings of ${key} are not valid: ${detail}`) });
        }
      }
      if (key === 'x-compute' && isJson(value)) {
        for (const issue of findComputeIssues(value.logic)) out.push({ at, message: text(locale, `计算公式有误（x-compute）：${issue}`, `x-compute: ${issue}`) });
      }
    }
    for (const key of SCHEMA_MAPS) if (isJson(node[key])) for (const [name, sub] of Object.entries(node[key])) visit(sub, `${at}/${key}/${escape(name)}`);
    for (const key of SCHEMA_LISTS) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((sub, i) => visit(sub, `${at}/${key}/${i}`));
    for (const key of SCHEMA_ONE) visit(node[key], `${at}/${key}`);
  };
  visit(schema, '/schema');
}

/**
 * Checks a self-contained form schema (shared `$defs` inlined) as the builder saves it, each
 * problem on the field where it sits, in the user's language (Chinese by default):
 * valid against the JSON Schema 2020-12 meta-schema, only known keywords and formats, the project's
 * keywords shaped as their meta-schemas say, every field a rule or `required` names declared
 * where the rule looks for it, computed values using allowed operators only, and every example
 * valid against the schema. Empty when all is well.
 * @example checkFormSchema(form.schema) // []
 */
export function checkFormSchema(schema: Record<string, unknown>, locale: Locale = 'zh-CN'): FormSchemaProblem[] {
  strictAjv ??= createStrictAjv();
  const ajv = strictAjv;
  const problems: FormSchemaProblem[] = [];
  if (!ajv.validateSchema(schema)) {
    for (const error of ajv.errors ?? []) {
      const keyword = error.instancePath.split('/').pop() ?? '';
      const at = `/schema${error.instancePath.slice(0, error.instancePath.length - keyword.length - 1)}`;
      problems.push({ at, message: text(locale, `设置“${keyword}”的值有误：`, `the value of "${keyword}" is not valid: `) + localized([{ ...error, instancePath: '' }], locale) });
    }
  }
  walkNodes(ajv, schema, locale, problems);
  for (const problem of findRuleReferenceProblems(schema)) {
    problems.push({ at: `/schema${problem.at}`, message: locale === 'en' ? `${problem.keyword}: a field it names does not exist` : problem.message });
  }
  if (problems.length) return problems;
  try {
    ajv.compile(schema);
    ajv.removeSchema(schema);
  } catch (error) {
    return [{ at: '/schema', message: text(locale, `表单结构无法编译：`, 'the schema does not compile: ') + (error as Error).message }];
  }
  const validator = createFormValidator();
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  examples.forEach((example, i) => {
    const result = validator.validate({ key: 'check.form', version: 1, title: { zh: '-', en: '-' }, schema, uiSchema: {} }, example, locale);
    for (const [pointer, messages] of Object.entries(result.fields)) {
      problems.push({ at: `/schema/examples/${i}${pointer}`, message: text(locale, `示例数据：`, 'example: ') + messages.join(locale === 'en' ? '; ' : '；') });
    }
  });
  return problems;
}
