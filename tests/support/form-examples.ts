import { join } from 'node:path';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import { REPO_ROOT } from './test-services';

let cache: Map<string, unknown> | undefined;

/** The first `examples` entry of a form's schema: realistic data that validates. */
export function exampleFor(formKey: string): any {
  cache ??= new Map(loadFormsFromDir(join(REPO_ROOT, 'schemas')).map((f) => [f.key, (f.schema as any).examples?.[0]]));
  const example = cache.get(formKey);
  if (example === undefined) throw new Error(`Form ${formKey} has no example`);
  return structuredClone(example);
}
