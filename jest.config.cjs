// One Jest run for the whole workspace, split into projects by kind of test:
//   unit        — *.spec.ts of the API and framework-free libs (node)
//   angular     — *.spec.ts of the Angular apps and libs (jsdom, zoneless)
//   integration — *.int-spec.ts against a real PostgreSQL (TEST_DATABASE_URL, or an embedded one)
//   e2e         — *.e2e-spec.ts: the built product in real Chromium (run by tools/scripts/e2e.mjs)
//   freeswitch  — *.fs-spec.ts: the built product on a real FreeSWITCH with real Chromium and SIPp, in a
//                 loopback-only network namespace (npm test runs it when a FreeSWITCH binary is found)
//   asterisk    — *.ast-spec.ts: the built product on a real Asterisk (PBX=asterisk) with real Chromium, in the same
//                 kind of namespace plus a test address on lo (npm test runs it when an Asterisk binary is found)
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });
const nodeTransform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const angularRoots = ['apps/agent-console', 'libs/telephony/sip-angular', 'apps/supervisor-dashboard', 'libs/shared/data-access-auth', 'libs/shared/ui-shell', 'libs/supervisor', 'libs/agent'];
const ignored = ['/node_modules/', '/dist/', '/.data/'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: [...ignored, ...angularRoots.map((r) => `<rootDir>/${r}/`)],
      transform: nodeTransform,
      moduleNameMapper,
    },
    {
      displayName: 'angular',
      rootDir: __dirname,
      preset: 'jest-preset-angular',
      testEnvironment: 'jsdom',
      testMatch: angularRoots.map((r) => `<rootDir>/${r}/**/*.spec.ts`),
      testPathIgnorePatterns: ignored,
      setupFilesAfterEnv: ['<rootDir>/tools/jest/setup-angular.ts'],
      transform: {
        '^.+\\.(ts|mjs|js|html)$': [
          'jest-preset-angular',
          { tsconfig: '<rootDir>/tsconfig.jest-angular.json', stringifyContentPathRegex: '\\.(html|svg)$' },
        ],
      },
      transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      testPathIgnorePatterns: ignored,
      // 30 s per test and hook: see the file for why it is not `testTimeout` here.
      setupFilesAfterEnv: ['<rootDir>/tools/jest/setup-integration.ts'],
      globalSetup: '<rootDir>/tools/jest/integration-setup.ts',
      globalTeardown: '<rootDir>/tools/jest/integration-teardown.ts',
      transform: nodeTransform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/tools/jest/e2e-setup.ts',
      globalTeardown: '<rootDir>/tools/jest/e2e-teardown.ts',
      transform: nodeTransform,
      moduleNameMapper,
    },
    {
      displayName: 'freeswitch',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/**/*.fs-spec.ts'],
      testPathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/tools/jest/freeswitch-setup.ts',
      globalTeardown: '<rootDir>/tools/jest/freeswitch-teardown.ts',
      transform: nodeTransform,
      moduleNameMapper,
    },
    {
      displayName: 'asterisk',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/**/*.ast-spec.ts'],
      testPathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/tools/jest/asterisk-setup.ts',
      globalTeardown: '<rootDir>/tools/jest/freeswitch-teardown.ts',
      transform: nodeTransform,
      moduleNameMapper,
    },
  ],
};
