import type { ErrorObject, KeywordDefinition, SchemaValidateFunction } from 'ajv';

import { appendPointer } from '../json-pointer';

const validateUniqueBy: SchemaValidateFunction = (property: string, rows: unknown[], _parentSchema, cxt) => {
  const errors: Partial<ErrorObject>[] = [];
  const firstIndex = new Map<unknown, number>();
  rows.forEach((row, index) => {
    if (row === null || typeof row !== 'object') return;
    const value = (row as Record<string, unknown>)[property];
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const first = firstIndex.get(value);
    if (first === undefined) {
      firstIndex.set(value, index);
      return;
    }
    errors.push({
      keyword: 'uniqueBy',
      instancePath: appendPointer(cxt?.instancePath ?? '', index, property),
      params: { property, other: first + 1 },
      message: `duplicates entry ${first + 1}`,
    });
  });
  validateUniqueBy.errors = errors;
  return errors.length === 0;
};

/**
 * Keyword for an array of objects: `"uniqueBy": "idNumber"` refuses two rows with the same value of that
 * property (one person listed twice). The error sits on the later row's property.
 */
export const uniqueByKeyword: KeywordDefinition = {
  keyword: 'uniqueBy',
  type: 'array',
  schemaType: 'string',
  errors: true,
  validate: validateUniqueBy,
};
