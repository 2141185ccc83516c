#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts (or .mjs) and passes the remaining arguments on.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(here).filter((f) => /\.(ts|mjs)$/.test(f) && f !== 'run.mjs').map((f) => f.replace(/\.(ts|mjs)$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
const file = existsSync(join(here, `${name}.ts`)) ? join(here, `${name}.ts`) : join(here, `${name}.mjs`);
const args = file.endsWith('.ts') ? [join(here, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), file, ...rest] : [file, ...rest];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
