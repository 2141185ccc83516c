import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';
import { propertyTitle } from './localized-text';

/**
 * `"dateRange": { "from": "postedFrom", "until": "postedUntil", "minDays": 7 }` — two sibling date
 * properties; the span counts both ends (1 March to 7 March is 7 days), as notice periods are counted.
 */
export interface DateRangeConfig {
  from: string;
  until: string;
  minDays?: number;
  maxDays?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dayNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time / DAY_MS;
}

const validateDateRange: SchemaValidateFunction = (
  config: DateRangeConfig,
  data: Record<string, unknown>,
  parentSchema,
  cxt,
) => {
  const errors: Partial<ErrorObject>[] = [];
  const from = dayNumber(data[config.from]);
  const until = dayNumber(data[config.until]);
  // Missing or malformed dates are reported by `required` and `format`.
  if (from !== undefined && until !== undefined) {
    const instancePath = appendPointer(cxt?.instancePath ?? '', config.until);
    const days = until - from + 1;
    const fromTitle = propertyTitle(parentSchema, config.from);
    if (until < from) {
      errors.push({ keyword: 'dateRange', instancePath, params: { reason: 'order', fromTitle }, message: 'must not be before the start date' });
    } else if (config.minDays !== undefined && days < config.minDays) {
      errors.push({ keyword: 'dateRange', instancePath, params: { reason: 'minDays', minDays: config.minDays, days }, message: `must give at least ${config.minDays} days` });
    } else if (config.maxDays !== undefined && days > config.maxDays) {
      errors.push({ keyword: 'dateRange', instancePath, params: { reason: 'maxDays', maxDays: config.maxDays, days }, message: `must give at most ${config.maxDays} days` });
    }
  }
  validateDateRange.errors = errors;
  return errors.length === 0;
};

/** Keyword for an object with a start and an end date: the end is not earlier, and the span is within bounds. */
export const dateRangeKeyword: KeywordDefinition = {
  keyword: 'dateRange',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['from', 'until'],
    properties: {
      from: { type: 'string' },
      until: { type: 'string' },
      minDays: { type: 'integer', minimum: 1 },
      maxDays: { type: 'integer', minimum: 1 },
      message: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
  },
  errors: true,
  validate: validateDateRange,
};
