// Lints one OpenAPI document with Redocly's `recommended` ruleset and prints the problems as JSON.
// It runs as its own Node process because @redocly/openapi-core is published as ES modules only,
// which jest's CommonJS module registry cannot load.
//
// Usage: node tests/api/lint-openapi.mjs <openapi.json>
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/api/lint-openapi.mjs <openapi.json>');
  process.exit(2);
}
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: await readFile(file, 'utf8'), absoluteRef: pathToFileURL(file).href, config });
const shown = problems.map((p) => ({
  severity: p.severity, rule: p.ruleId, message: p.message,
  where: p.location.map((l) => l.pointer).join(' '),
}));
process.stdout.write(JSON.stringify(shown));
