/** Unit tests (*.spec.ts) beside the code; integration (*.int-spec.ts) against the real PostgreSQL and Redis; e2e in test/. */
const paths = {
  '^@permanentie/(contracts|bus|persistence|config|domain|platform)$': '<rootDir>/libs/$1/src',
  '^@permanentie/testing$': '<rootDir>/test/support',
};
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  moduleNameMapper: paths,
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
