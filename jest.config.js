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
    {
      // The add-in's components and Office adapter, rendered in jsdom (no Outlook, no server).
      displayName: 'addin',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/tests/addin/**/*.test.tsx'],
      // office-addin-mock pulls in office-addin-manifest, which requires ES-module-only packages.
      transformIgnorePatterns: ['/node_modules/(?!.*(strip-bom|uuid)/)'],
    },
    {
      // The built add-in in headless Chromium against `npm start`'s whole stack.
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
      testTimeout: 600_000,
    },
  ],
};
