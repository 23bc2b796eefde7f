/**
 * The end-to-end suites alone (`npm run test:e2e`): the bot, Microsoft's local Teams emulator
 * (Agents Playground) and headless Chromium, in one sequential run of well under two minutes;
 * and the compliance tab's page in headless Chromium against the bot (test/browser: the
 * emulator has no tabs). Screenshots and logs go to test-artifacts/e2e/ and test-artifacts/browser/.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e', '<rootDir>/test/browser'],
  testMatch: ['**/*.e2e.test.ts', '**/*.browser.test.ts'],
  // Type checking is `npm run typecheck`'s job; ts-jest only transpiles.
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // The browser suite runs the bot in-process, and with it jose (ESM only, see jest.config.js).
    '/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // One browser, one emulator, one bot: never in parallel.
  maxWorkers: 1,
  testTimeout: 60000,
};
