/**
 * `npm run forms:coverage`: reads every form of `schemas/` into the form builder's model
 * (client/src/admin/model) and writes it back. Prints, per form that is not fully editable or does
 * not come back identical, what the builder cannot show; then the forms the server stores (with
 * `_defs.json` inlined) the same way; last line:
 * `builder: <n>/<total> forms fully editable, <k> JSON-only fields, round-trip <r>/<total>`.
 * Exits 1 when a form does not round-trip.
 */
import { resolve } from 'node:path';

import { coverageLine, formCoverage, type FormCoverage } from '../../client/src/admin/model/formCoverage';
import { loadFormFiles } from './forms/load-forms';

function report(results: FormCoverage[], heading: string): void {
  for (const result of results) {
    if (result.jsonOnly.length === 0 && result.roundTrip) continue;
    console.log(`${heading} ${result.key}: ${result.roundTrip ? 'round-trip ok' : 'NOT identical after a round trip'}`);
    for (const field of result.jsonOnly) console.log(`  JSON-only ${field.path}: ${field.why}`);
  }
}

function main(): void {
  const dir = resolve(__dirname, '..', '..', 'schemas');
  const { files, sharedDefs, documents } = loadFormFiles(dir);
  const stored = documents.map((doc) => formCoverage(doc.key, doc));
  report(stored, 'stored form');
  console.log(`stored forms (_defs.json inlined): ${coverageLine(stored)}`);
  const results = files.map((file) => formCoverage(file.key, file.content, sharedDefs));
  report(results, 'form');
  const fields = results.reduce((sum, r) => sum + r.fields, 0);
  console.log(`${results.length} forms, ${fields} fields (sections, lists and their rows included)`);
  console.log(coverageLine(results));
  if (results.some((r) => !r.roundTrip) || stored.some((r) => !r.roundTrip)) process.exitCode = 1;
}

main();
