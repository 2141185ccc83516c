import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';
import { computeNetIncome, computePerCapitaIncome, type HouseholdIncome } from '../per-capita-income';

/**
 * `"perCapitaIncome": { "income": "income", "householdSize": "members", "tolerance": 1 }` — the income
 * object's property, and the property holding the household size (an array of members or a number).
 */
export interface PerCapitaIncomeConfig {
  income: string;
  householdSize: string;
  /** Allowed difference in yuan, for rounding on paper forms. */
  tolerance?: number;
}

const DEFAULT_TOLERANCE = 1;

function sizeOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' ? value : undefined;
}

const validatePerCapitaIncome: SchemaValidateFunction = (
  config: PerCapitaIncomeConfig,
  household: Record<string, unknown>,
  _parentSchema,
  cxt,
) => {
  const errors: Partial<ErrorObject>[] = [];
  const income = household[config.income];
  const size = sizeOf(household[config.householdSize]);
  const tolerance = config.tolerance ?? DEFAULT_TOLERANCE;
  if (income !== null && typeof income === 'object' && !Array.isArray(income) && size !== undefined) {
    const declared = income as HouseholdIncome;
    const base = appendPointer(cxt?.instancePath ?? '', config.income);
    const net = computeNetIncome(declared);
    if (typeof declared.netIncome === 'number' && Math.abs(declared.netIncome - net) > tolerance) {
      errors.push({
        keyword: 'perCapitaIncome',
        instancePath: appendPointer(base, 'netIncome'),
        params: { reason: 'net', expected: net, tolerance },
        message: `must be ${net} (income items minus production costs)`,
      });
    }
    const perCapita = computePerCapitaIncome(declared, size);
    if (typeof declared.perCapitaIncome === 'number' && perCapita !== undefined && Math.abs(declared.perCapitaIncome - perCapita) > tolerance) {
      errors.push({
        keyword: 'perCapitaIncome',
        instancePath: appendPointer(base, 'perCapitaIncome'),
        params: { reason: 'perCapita', expected: perCapita, net, size, tolerance },
        message: `must be ${perCapita} (net income ${net} / ${size} people)`,
      });
    }
  }
  validatePerCapitaIncome.errors = errors;
  return errors.length === 0;
};

/**
 * Keyword for a household object: 人均可支配收入 must equal (income items − production costs) / household
 * size within the tolerance, and 家庭可支配收入, when given, the net income. Errors sit on those fields.
 */
export const perCapitaIncomeKeyword: KeywordDefinition = {
  keyword: 'perCapitaIncome',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['income', 'householdSize'],
    properties: { income: { type: 'string' }, householdSize: { type: 'string' }, tolerance: { type: 'number', minimum: 0 }, message: { type: 'string', minLength: 1 } },
    additionalProperties: false,
  },
  errors: true,
  validate: validatePerCapitaIncome,
};
