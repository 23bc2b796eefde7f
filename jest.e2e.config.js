/**
 * The end-to-end suite alone (`npm run test:e2e`): the bot, Microsoft's local Teams emulator
 * (Agents Playground) and headless Chromium, in one sequential run of well under two minutes.
 * Screenshots and logs go to test-artifacts/e2e/.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  // Type checking is `npm run typecheck`'s job; ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // One browser, one emulator, one bot: never in parallel.
  maxWorkers: 1,
  testTimeout: 60000,
};
