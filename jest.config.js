// Nest 12 and sanitize-html's parser (htmlparser2 and its dom* / entities packages) ship ESM only;
// Jest 30 on Node 20 needs them transpiled to CommonJS (see STACK.md).
const ESM_ONLY = '@nestjs|htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities';
const transform = {
  '^.+\\.ts$': ['@swc/jest'],
  [`^.+/node_modules/(${ESM_ONLY})/.+\\.js$`]: [
    '@swc/jest',
    { jsc: { target: 'es2023', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } },
  ],
};
// What the coverage threshold is measured over (`npm test` passes --coverage): the service's code.
const COVERED = ['<rootDir>/src/**/*.ts', '<rootDir>/projections/**/*.ts', '!**/*.spec.ts'];
const base = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY})/)`],
  // src/api-docs/api-docs.metadata.ts imports DTOs and controllers as nodenext wants (`./x.dto.js`): Jest finds the .ts.
  moduleNameMapper: { '^(\\.{1,2}/.+\\.(?:dto|controller))\\.js$': '$1' },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  collectCoverageFrom: COVERED,
};
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/projections', '<rootDir>/test/support'],
      testMatch: ['**/*.unit.spec.ts'],
    },
    { ...base, displayName: 'contract', roots: ['<rootDir>/test/contract'], testMatch: ['**/*.contract.spec.ts'] },
    { ...base, displayName: 'int', roots: ['<rootDir>/test/int'], testMatch: ['**/*.int.spec.ts'] },
    { ...base, displayName: 'e2e', roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e-spec.ts'] },
    { ...base, displayName: 'chaos', roots: ['<rootDir>/test/chaos'], testMatch: ['**/*.chaos-spec.ts'] },
  ],
  testTimeout: 120000,
  collectCoverageFrom: COVERED,
  coverageProvider: 'v8',
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: { global: { lines: 80 } },
  // One worker, recycled once it holds this much: V8 coverage costs each test file in proportion to every script the
  // process has loaded, so a single long-lived process (--runInBand) made the suite twice as slow under coverage.
  workerIdleMemoryLimit: '700MB',
};
