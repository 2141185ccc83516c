import { join } from 'node:path';
import { loadFormsFromDir } from '../../server/src/forms/load-forms';
import { withFreshIdNumbers } from './fresh-id-numbers';
import { REPO_ROOT } from './test-services';

let cache: Map<string, unknown> | undefined;

/** The first `examples` entry of a form's schema: realistic data that validates. */
export function exampleFor(formKey: string): any {
  cache ??= new Map(loadFormsFromDir(join(REPO_ROOT, 'schemas')).map((f) => [f.key, (f.schema as any).examples?.[0]]));
  const example = cache.get(formKey);
  if (example === undefined) throw new Error(`Form ${formKey} has no example`);
  return structuredClone(example);
}

/** Forms whose ID numbers must be new for every case (an ID number belongs to one household or open case). */
const FRESH_ID_FORMS = new Set(['household-identification.application']);

/** The example to submit for a new case: an application gets fresh ID numbers, other forms their example as it is. */
export function exampleDataFor(formKey: string): any {
  const example = exampleFor(formKey);
  return FRESH_ID_FORMS.has(formKey) ? withFreshIdNumbers(example) : example;
}
