import type { KeywordDefinition } from 'ajv';

import { computeKeyword } from './compute.keyword';
import { dateRangeKeyword } from './date-range.keyword';
import { headIsMemberKeyword } from './head-is-member.keyword';
import { idCardMatchesKeyword } from './id-card-matches.keyword';
import { majorityKeyword } from './majority.keyword';
import { perCapitaIncomeKeyword } from './per-capita-income.keyword';
import { quorumKeyword } from './quorum.keyword';
import { sumAtMostKeyword } from './sum-at-most.keyword';
import { sumEqualsKeyword } from './sum-equals.keyword';
import { uniqueByKeyword } from './unique-by.keyword';

/** The cross-field keywords the forms may use; their messages live in `MESSAGES` under the keyword's name. */
export const customKeywords: readonly KeywordDefinition[] = [
  idCardMatchesKeyword,
  headIsMemberKeyword,
  perCapitaIncomeKeyword,
  dateRangeKeyword,
  sumAtMostKeyword,
  sumEqualsKeyword,
  uniqueByKeyword,
  majorityKeyword,
  quorumKeyword,
  computeKeyword,
];
