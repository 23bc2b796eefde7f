/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The emulator and tab-page suites need Chromium and take their own time: `npm run test:e2e`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/browser/'],
  // Type checking is `npm run typecheck`'s job; ts-jest only transpiles, which keeps jest fast.
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // jose 6 ships only ESM; Node >= 20.19 requires it natively, Jest only from Node 24.9.
    '/node_modules/jose/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 30000,
  // A suite that leaves a handle open (a child process killed late, a socket) must not hang CI
  // after every test has passed; `npx jest --detectOpenHandles` names the culprit.
  forceExit: true,
};
