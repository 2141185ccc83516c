import type { ErrorSchema } from '@rjsf/utils';

import type { FieldErrors } from './form-document';
import { parsePointer } from './json-pointer';
import { setOwnProperty } from './set-own-property';

/**
 * Reshapes pointer-keyed messages into rjsf's `ErrorSchema`, for `<Form extraErrors={...}>`.
 * @example toErrorSchema({ '/members/0/idNumber': ['身份证号校验码不正确，请核对'] })
 * // { members: { 0: { idNumber: { __errors: ['身份证号校验码不正确，请核对'] } } } }
 */
export function toErrorSchema(fields: FieldErrors): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const [pointer, messages] of Object.entries(fields)) {
    let node = root;
    for (const token of parsePointer(pointer)) {
      const existing = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
      if (existing !== null && typeof existing === 'object') {
        node = existing as Record<string, unknown>;
      } else {
        const child: Record<string, unknown> = {};
        setOwnProperty(node, token, child);
        node = child;
      }
    }
    const previous = Array.isArray(node.__errors) ? (node.__errors as string[]) : [];
    node.__errors = [...previous, ...messages];
  }
  return root as ErrorSchema;
}
