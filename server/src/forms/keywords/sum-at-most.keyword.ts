import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';
import { joinTitles, propertyTitle } from './localized-text';

/**
 * `"sumAtMost": [{ "fields": ["votesFor", "votesAgainst", "abstentions"], "limit": "attendeeCount" }]` —
 * each rule: the sum of the sibling number fields may not exceed the limit field. The error sits on
 * `at`, by default the first field.
 */
export interface SumAtMostRule {
  fields: string[];
  limit: string;
  at?: string;
  /** The form's own Chinese message, said instead of the standard one. */
  message?: string;
}

const validateSumAtMost: SchemaValidateFunction = (
  rules: SumAtMostRule[],
  data: Record<string, unknown>,
  parentSchema,
  cxt,
) => {
  const errors: Partial<ErrorObject>[] = [];
  for (const rule of rules) {
    const limit = data[rule.limit];
    const values = rule.fields.map((field) => data[field]);
    // Only complete, numeric input is compared; gaps and wrong types have their own errors.
    if (typeof limit !== 'number' || !values.every((v) => typeof v === 'number')) continue;
    const sum = (values as number[]).reduce((a, b) => a + b, 0);
    if (sum > limit) {
      errors.push({
        keyword: 'sumAtMost',
        instancePath: appendPointer(cxt?.instancePath ?? '', rule.at ?? rule.fields[0]),
        params: {
          reason: rule.fields.length === 1 ? 'single' : 'sum',
          sum,
          limit,
          fields: joinTitles(rule.fields.map((f) => propertyTitle(parentSchema, f))),
          limitTitle: propertyTitle(parentSchema, rule.limit),
          ...(rule.message ? { ownMessage: rule.message } : {}),
        },
        message: `${rule.fields.join(' + ')} (${sum}) must not exceed ${rule.limit} (${limit})`,
      });
    }
  }
  validateSumAtMost.errors = errors;
  return errors.length === 0;
};

/** Keyword for counts that must fit within another count: votes within attendance, attendance within the electorate. */
export const sumAtMostKeyword: KeywordDefinition = {
  keyword: 'sumAtMost',
  type: 'object',
  schemaType: 'array',
  metaSchema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['fields', 'limit'],
      properties: {
        fields: { type: 'array', minItems: 1, items: { type: 'string' } },
        limit: { type: 'string' },
        at: { type: 'string' },
        message: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
  },
  errors: true,
  validate: validateSumAtMost,
};
