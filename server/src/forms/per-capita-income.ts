import { roundMoney } from './money';

/** The income block of a household form, yuan per year (field names as in `schemas/_defs.json#/$defs/income`). */
export interface HouseholdIncome {
  wageIncome?: number;
  productionIncome?: number;
  propertyIncome?: number;
  /** 转移性收入 by kind (低保金, 五保金, 养老金, 生态补偿金, 其他); every number in it counts. */
  transferIncome?: Record<string, number | undefined>;
  productionCosts?: number;
  netIncome?: number;
  perCapitaIncome?: number;
}

function amount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** 家庭可支配收入: wages + production + property + all transfers − production costs, rounded to fen. */
export function computeNetIncome(income: HouseholdIncome): number {
  let transfers = 0;
  for (const value of Object.values(income.transferIncome ?? {})) transfers += amount(value);
  const gross = amount(income.wageIncome) + amount(income.productionIncome) + amount(income.propertyIncome) + transfers;
  return roundMoney(gross - amount(income.productionCosts));
}

/**
 * 人均可支配收入 = net income / household size, rounded to fen; `undefined` for a household of no one.
 * @example computePerCapitaIncome({ wageIncome: 12000, productionCosts: 2000 }, 4) // 2500
 */
export function computePerCapitaIncome(income: HouseholdIncome, householdSize: number): number | undefined {
  if (!Number.isInteger(householdSize) || householdSize < 1) return undefined;
  return roundMoney(computeNetIncome(income) / householdSize);
}
