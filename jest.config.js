/** Jest runs every suite against a real PostgreSQL (embedded, or DATABASE_URL). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  // The client's modules import the shared code as the browser build does.
  moduleNameMapper: { '^@shared/(forms|contract)$': '<rootDir>/server/src/$1/index.ts' },
  transformIgnorePatterns: ['/node_modules/(?!(@x0k)/)'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
  // One worker, replaced when a suite leaves it above this: the suites of a whole run would otherwise
  // pile up in one process (each loads the app afresh), and memory limits measured in a suite would
  // read the earlier suites' leftovers.
  workerIdleMemoryLimit: '512MB',
};
