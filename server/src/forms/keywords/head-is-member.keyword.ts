import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';

/**
 * `"headIsMember": { "head": "head", "members": "members", "relation": "relation", "value": "户主", "fields": ["name", "sex", "idNumber"] }`:
 * sibling property names of a household. The head's block and the member whose relation is 户主 are one
 * person, typed once: the form copies the member into the head, and this rule refuses a head that differs.
 */
export interface HeadIsMemberConfig {
  head: string;
  members: string;
  relation: string;
  value: string;
  fields: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const validateHeadIsMember: SchemaValidateFunction = (config: HeadIsMemberConfig, household: Record<string, unknown>, _parentSchema, cxt) => {
  const errors: Partial<ErrorObject>[] = [];
  const head = household[config.head];
  const members = household[config.members];
  // No head, no members or no 户主 among them: `required` and `contains` already say so.
  const member = Array.isArray(members) ? members.find((m) => isRecord(m) && m[config.relation] === config.value) : undefined;
  if (isRecord(head) && isRecord(member)) {
    const base = appendPointer(cxt?.instancePath ?? '', config.head);
    const index = (members as unknown[]).indexOf(member) + 1;
    for (const field of config.fields) {
      if (head[field] === undefined || member[field] === undefined || head[field] === member[field]) continue;
      errors.push({
        keyword: 'headIsMember',
        instancePath: appendPointer(base, field),
        params: { reason: 'differs', index, value: String(member[field]) },
        message: `must be the same as member ${index} (the head of household): ${String(member[field])}`,
      });
    }
  }
  validateHeadIsMember.errors = errors;
  return errors.length === 0;
};

/** Keyword for a household: the head's fields equal those of the member whose relation is 户主. */
export const headIsMemberKeyword: KeywordDefinition = {
  keyword: 'headIsMember',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['head', 'members', 'relation', 'value', 'fields'],
    properties: {
      head: { type: 'string' }, members: { type: 'string' }, relation: { type: 'string' }, value: { type: 'string' },
      fields: { type: 'array', items: { type: 'string' }, minItems: 1 }, message: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
  },
  errors: true,
  validate: validateHeadIsMember,
};
