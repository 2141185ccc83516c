import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';
import { propertyTitle } from './localized-text';

/**
 * `"quorum": { "kind": "meetingType", "eligible": "eligibleCount", "attended": "attendeeCount",
 * "rules": { "村民大会": "more-than-half", "村民代表大会": "at-least-two-thirds" } }` — a meeting
 * of a kind counts only when enough of those entitled attended (村民委员会组织法: 村民会议 by more
 * than half, 村民代表会议 by at least two thirds).
 */
export interface QuorumConfig {
  kind: string;
  eligible: string;
  attended: string;
  rules: Record<string, 'more-than-half' | 'at-least-two-thirds'>;
}

/** The fewest who must attend of `eligible` under a rule. */
export function quorumNeeded(rule: QuorumConfig['rules'][string], eligible: number): number {
  return rule === 'more-than-half' ? Math.floor(eligible / 2) + 1 : Math.ceil((eligible * 2) / 3);
}

const validateQuorum: SchemaValidateFunction = (config: QuorumConfig, data: Record<string, unknown>, parentSchema, cxt) => {
  const errors: Partial<ErrorObject>[] = [];
  const kind = data[config.kind];
  const eligible = data[config.eligible];
  const attended = data[config.attended];
  const rule = typeof kind === 'string' ? config.rules[kind] : undefined;
  if (rule && typeof eligible === 'number' && typeof attended === 'number') {
    const needed = quorumNeeded(rule, eligible);
    if (attended < needed) {
      errors.push({
        keyword: 'quorum',
        instancePath: appendPointer(cxt?.instancePath ?? '', config.attended),
        params: {
          reason: rule, kind, eligible, attended, needed,
          attendedTitle: propertyTitle(parentSchema, config.attended),
          eligibleTitle: propertyTitle(parentSchema, config.eligible),
        },
        message: `${kind}: ${attended} of ${eligible} attended, ${needed} needed`,
      });
    }
  }
  validateQuorum.errors = errors;
  return errors.length === 0;
};

/** Keyword for a meeting's attendance: the quorum its kind needs (村民会议 过半数, 村民代表会议 三分之二以上). */
export const quorumKeyword: KeywordDefinition = {
  keyword: 'quorum',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['kind', 'eligible', 'attended', 'rules'],
    properties: {
      kind: { type: 'string' }, eligible: { type: 'string' }, attended: { type: 'string' },
      rules: { type: 'object', additionalProperties: { enum: ['more-than-half', 'at-least-two-thirds'] } },
      message: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
  },
  errors: true,
  validate: validateQuorum,
};
