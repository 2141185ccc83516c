import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';
import { roundMoney } from '../money';
import { propertyTitle } from './localized-text';

/**
 * `"sumEquals": { "items": "fundSources", "field": "amount", "total": "budget" }` — the amounts of an
 * array's rows must add up to a sibling total (within `tolerance`, default one fen). The error sits on the array.
 */
export interface SumEqualsConfig {
  items: string;
  field: string;
  total: string;
  tolerance?: number;
}

const DEFAULT_TOLERANCE = 0.01;

const validateSumEquals: SchemaValidateFunction = (
  config: SumEqualsConfig,
  data: Record<string, unknown>,
  parentSchema,
  cxt,
) => {
  const errors: Partial<ErrorObject>[] = [];
  const rows = data[config.items];
  const total = data[config.total];
  if (Array.isArray(rows) && typeof total === 'number') {
    let sum = 0;
    let complete = true;
    for (const row of rows) {
      const value = row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[config.field] : undefined;
      if (typeof value === 'number') sum += value;
      else complete = false;
    }
    sum = roundMoney(sum);
    if (complete && Math.abs(sum - total) > (config.tolerance ?? DEFAULT_TOLERANCE)) {
      errors.push({
        keyword: 'sumEquals',
        instancePath: appendPointer(cxt?.instancePath ?? '', config.items),
        params: { sum, total, totalTitle: propertyTitle(parentSchema, config.total) },
        message: `must add up to ${config.total} (${total}), not ${sum}`,
      });
    }
  }
  validateSumEquals.errors = errors;
  return errors.length === 0;
};

/** Keyword for a breakdown that must add up to its total, such as fund sources against the budget. */
export const sumEqualsKeyword: KeywordDefinition = {
  keyword: 'sumEquals',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['items', 'field', 'total'],
    properties: {
      items: { type: 'string' },
      field: { type: 'string' },
      total: { type: 'string' },
      tolerance: { type: 'number', minimum: 0 },
      message: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
  },
  errors: true,
  validate: validateSumEquals,
};
