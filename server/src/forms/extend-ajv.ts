import type Ajv from 'ajv';
import ajvErrors from 'ajv-errors';

import { customKeywords } from './keywords/custom-keywords';
import { moneyFormat } from './money';
import { fileKindKeyword } from './keywords/file-kind.keyword';
import { ORG_ADDRESS_KEYWORD } from './org-address';

/**
 * Annotation keywords: the English labels beside the Chinese `title` and `enum` values, and `x-fill`,
 * what the browser fills an empty field with when the form opens (`today`: the server's China date,
 * `me`: the user's display name).
 */
export const ANNOTATION_KEYWORDS = ['x-title-en', 'x-enumNames-en', 'x-description-en', 'x-fill'] as const;

/**
 * Everything the forms add to rjsf's AJV instance: the `money` number format, the cross-field
 * keywords, the English label annotations and ajv-errors' `errorMessage`. Passed to
 * `customizeValidator` as `extenderFn`, so the browser's validator has exactly the same rules.
 */
export function extendAjv(ajv: Ajv): Ajv {
  // Registered so that schemas stay valid for an AJV instance in strict mode too.
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array'] });
  // An address block checked against the org tree by the server (forms/org-address.ts).
  ajv.addKeyword({ keyword: ORG_ADDRESS_KEYWORD, schemaType: 'boolean' });
  ajv.addKeyword(fileKindKeyword);
  // The field whose value decides the step's outcome (the reviewer's conclusion, the vote's result).
  ajv.addKeyword({ keyword: 'x-decision', schemaType: 'boolean' });
  ajv.addFormat('money', moneyFormat);
  for (const keyword of customKeywords) ajv.addKeyword(keyword);
  // ajv-errors refuses an instance without `allErrors`, which rjsf's configuration and ours both set.
  return ajvErrors(ajv);
}
