import type { RJSFValidationError } from '@rjsf/utils';
import { formatMessage, requiredFieldMessage } from '@shared/forms';
import type { Locale } from '../i18n';

type Schema = Record<string, unknown>;

function resolve(root: Schema, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
  const target = (root.$defs as Record<string, Schema> | undefined)?.[ref.slice('#/$defs/'.length)];
  // A property that refers to a definition keeps its own title beside the $ref.
  return target ? { ...target, ...schema, $ref: undefined } : schema;
}

/** The schema of the field a path names (`.household.members.0.name`), through $defs, allOf and array items. */
export function fieldSchemaAt(root: Schema, path: string): Schema | undefined {
  let current: Schema | undefined = root;
  for (const segment of path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)) {
    current = resolve(root, current);
    if (!current) return undefined;
    if (/^\d+$/.test(segment) && current.items) {
      current = current.items as Schema;
      continue;
    }
    const parts: Schema[] = [current, ...((current.allOf as Schema[] | undefined) ?? []).map((p) => resolve(root, p) ?? {})];
    current = parts.map((p) => (p.properties as Record<string, Schema> | undefined)?.[segment]).find(Boolean);
  }
  return resolve(root, current);
}

/**
 * Missing fields say what to do and name the field ("请填写户主姓名"), as the server says it, where
 * rjsf's validator left the generic "此项为必填项".
 */
export function withRequiredMessages(root: Schema, locale: Locale) {
  const generic = formatMessage('required', locale);
  return (errors: RJSFValidationError[]): RJSFValidationError[] => errors.map((error) => {
    if (error.name !== 'required' || error.message !== generic) return error;
    const message = requiredFieldMessage(fieldSchemaAt(root, error.property ?? ''), locale) ?? error.message ?? '';
    return { ...error, message, stack: message };
  });
}
