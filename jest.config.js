/**
 * The kinds of tests, each its own Jest project:
 *  - unit: pure logic, no processes or network;
 *  - emulator: the Microsoft 365 emulator driven by Microsoft's real client libraries;
 *  - integration: the real embedded database (FerretDB) started once for the run, on a free port
 *    with a throw-away data directory (tests/support/global-setup.ts);
 *  - e2e: the built add-in in headless Chromium against the real server, database and emulator.
 */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        target: 'es2022',
        transform: { react: { runtime: 'automatic' } },
      },
      module: { type: 'commonjs' },
    },
  ],
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts?(x)'],
    },
    {
      // The Microsoft 365 emulator's own tests, driving it with Microsoft's real client libraries.
      displayName: 'emulator',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/emulator/tests/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
