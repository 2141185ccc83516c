import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';
import { propertyTitle } from './localized-text';

/**
 * `"majority": { "votes": "votesFor", "of": "attendeeCount", "result": "result", "passed": "通过" }` —
 * a result recorded as passed needs more than half of the count in `of`.
 */
export interface MajorityConfig {
  votes: string;
  of: string;
  result: string;
  passed: string;
}

const validateMajority: SchemaValidateFunction = (config: MajorityConfig, data: Record<string, unknown>, parentSchema, cxt) => {
  const errors: Partial<ErrorObject>[] = [];
  const votes = data[config.votes];
  const total = data[config.of];
  if (data[config.result] === config.passed && typeof votes === 'number' && typeof total === 'number' && votes * 2 <= total) {
    errors.push({
      keyword: 'majority',
      instancePath: appendPointer(cxt?.instancePath ?? '', config.result),
      params: {
        votes,
        total,
        passed: config.passed,
        votesTitle: propertyTitle(parentSchema, config.votes),
        totalTitle: propertyTitle(parentSchema, config.of),
      },
      message: `cannot be "${config.passed}": ${votes} of ${total} is not a majority`,
    });
  }
  validateMajority.errors = errors;
  return errors.length === 0;
};

/** Keyword for a vote: a motion recorded as passed must have won more than half (村民会议: 过半数通过). */
export const majorityKeyword: KeywordDefinition = {
  keyword: 'majority',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['votes', 'of', 'result', 'passed'],
    properties: { votes: { type: 'string' }, of: { type: 'string' }, result: { type: 'string' }, passed: { type: 'string' }, message: { type: 'string', minLength: 1 } },
    additionalProperties: false,
  },
  errors: true,
  validate: validateMajority,
};
