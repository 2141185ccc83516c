import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { readIdCard } from '../id-card';
import { appendPointer } from '../json-pointer';

/** `"idCardMatches": { "idNumber": "idNumber", "birthDate": "birthDate", "sex": "sex" }` — sibling property names. */
export interface IdCardMatchesConfig {
  idNumber: string;
  birthDate?: string;
  sex?: string;
}

const validateIdCardMatches: SchemaValidateFunction = (
  config: IdCardMatchesConfig,
  person: Record<string, unknown>,
  _parentSchema,
  cxt,
) => {
  const errors: Partial<ErrorObject>[] = [];
  const id = person[config.idNumber];
  // An invalid ID number is reported by its format; comparing against it would only add noise.
  const facts = typeof id === 'string' ? readIdCard(id) : undefined;
  if (facts !== undefined) {
    const base = cxt?.instancePath ?? '';
    const birthDate = config.birthDate === undefined ? undefined : person[config.birthDate];
    const expectedBirthDate = facts.birthDate;
    if (typeof birthDate === 'string' && birthDate !== expectedBirthDate) {
      errors.push({
        keyword: 'idCardMatches',
        instancePath: appendPointer(base, config.birthDate as string),
        params: { reason: 'birthDate', expected: expectedBirthDate },
        message: `does not match the birth date in the ID number (${expectedBirthDate})`,
      });
    }
    const sex = config.sex === undefined ? undefined : person[config.sex];
    const expectedSex = facts.sex;
    if (typeof sex === 'string' && sex !== expectedSex) {
      errors.push({
        keyword: 'idCardMatches',
        instancePath: appendPointer(base, config.sex as string),
        params: { reason: 'sex', expected: expectedSex, expectedEn: expectedSex === '男' ? 'male' : 'female' },
        message: 'does not match the sex in the ID number',
      });
    }
  }
  validateIdCardMatches.errors = errors;
  return errors.length === 0;
};

/**
 * Keyword for a person object: the birth date and sex fields must agree with the ID number
 * (birth date digits 7–14, sex from the parity of digit 17). Errors sit on the disagreeing field.
 */
export const idCardMatchesKeyword: KeywordDefinition = {
  keyword: 'idCardMatches',
  type: 'object',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['idNumber'],
    properties: { idNumber: { type: 'string' }, birthDate: { type: 'string' }, sex: { type: 'string' }, message: { type: 'string', minLength: 1 } },
    additionalProperties: false,
  },
  errors: true,
  validate: validateIdCardMatches,
};
