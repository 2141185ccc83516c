/**
 * Form validation throughput on one core: the full household application (6 members, conditional
 * fields, ID checks, the per-capita income rule) validated again and again with the schema compiled
 * once, as the server does on every task completion. The baseline is AJV alone running the same
 * compiled schema, without dropping hidden fields or shaping errors; the ratio shows what the forms
 * layer adds. A refused submission (messages localised and keyed by pointer) is measured too.
 * Last line: `forms: <n> validations/s`.
 */
import { join } from 'node:path';

import { createFormValidator, createRjsfValidator } from '../server/src/forms';
import { loadFormsFromDir } from '../server/src/forms/load-forms';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);
const FORM_KEY = 'household-identification.application';

/** Calls `fn` for `ROUND_MS`, `ROUNDS` times after a warm-up; the median rate in calls per second. */
function measure(label: string, fn: () => unknown): number {
  const rates: number[] = [];
  for (let round = -1; round < ROUNDS; round += 1) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      for (let i = 0; i < 100; i += 1) fn();
      calls += 100;
      elapsed = performance.now() - start;
    }
    // The first round warms the JIT up and is not counted.
    if (round >= 0) rates.push((calls / elapsed) * 1000);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  console.log(`${label.padEnd(44)} ${Math.round(median).toLocaleString('en-US').padStart(9)} /s  (min ${Math.round(rates[0])}, max ${Math.round(rates[rates.length - 1])})`);
  return median;
}

function main(): void {
  const form = loadFormsFromDir(join(__dirname, '..', 'schemas')).find((f) => f.key === FORM_KEY);
  if (form === undefined) throw new Error(`bench/forms.ts needs schemas/${FORM_KEY.replace('.', '/')}.json`);
  const example = (form.schema.examples as unknown[])[0];
  const members = (example as { household: { members: unknown[] } }).household.members.length;
  const validator = createFormValidator();

  const compileStart = performance.now();
  const first = validator.validate(form, example);
  const compileMs = performance.now() - compileStart;
  if (!first.valid) throw new Error(`The example of ${FORM_KEY} does not validate: ${JSON.stringify(first.fields)}`);

  const invalid = structuredClone(example) as any;
  invalid.household.members[0].idNumber = '441424196803153013';
  invalid.household.income.perCapitaIncome = 3400;
  if (validator.validate(form, invalid).valid) throw new Error('The refused submission was accepted');

  const raw = createRjsfValidator().ajv.compile(form.schema);
  if (!raw(example)) throw new Error('AJV alone refuses the example');

  console.log(`form ${FORM_KEY} v${form.version}: ${members} members, ${JSON.stringify(example).length} bytes of data`);
  console.log(`first validation, compiling included: ${compileMs.toFixed(1)} ms; node ${process.version}, one core, ${ROUNDS} rounds of ${ROUND_MS} ms`);
  const baseline = measure('baseline: AJV alone, same compiled schema', () => raw(example));
  const refused = measure('refused submission (2 errors, zh-CN)', () => validator.validate(form, invalid));
  const accepted = measure('accepted submission (forms layer)', () => validator.validate(form, example));
  console.log(`ratio to baseline: ${(accepted / baseline).toFixed(2)} (the forms layer runs at ${Math.round((accepted / baseline) * 100)}% of AJV alone); refused/accepted ${(refused / accepted).toFixed(2)}`);
  console.log(`forms: ${Math.round(accepted)} validations/s`);
}

main();
