import type { Config } from 'jest';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common: Config = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // NestJS 12 and a few others ship ES modules only: let swc turn them into CommonJS
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@apidevtools|@borewit|file-type|strtok3|token-types|@tokenizer|uint8array-extras|peek-readable)/)',
  ],
  moduleNameMapper: { '^@portal/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

const config: Config = {
  testSequencer: '<rootDir>/test/setup/sequencer.mjs',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 30000,
    },
  ],
};

export default config;
