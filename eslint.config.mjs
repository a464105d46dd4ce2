// ESLint flat config: @eslint/js + typescript-eslint with type information.
// `npm run check` runs `eslint . --max-warnings 0`, so a "warn" fails CI as surely as an
// "error": every rule below is either an error or off, on purpose.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's globals, for the plain JavaScript files (the `globals` package is not a dependency).
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'structuredClone',
    'performance',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'bench/results/', 'test-artifacts/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    languageOptions: {
      parserOptions: {
        // every .ts file is in tsconfig.json's "include"; the root config files are not
        projectService: { allowDefaultProject: ['jest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // promises: the two the team agreed on
      '@typescript-eslint/no-floating-promises': 'error',
      'require-await': 'off',
      '@typescript-eslint/require-await': 'error',
      // Express 5 forwards a rejected middleware promise to the error handler, and Nest awaits
      // handlers: an async callback where a void one is expected is fine as an argument
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],

      // `any` only where it is written out and explained with an eslint-disable comment
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],

      // application code logs with `new Logger(ClassName.name)` (pino); scripts and bench may print
      'no-console': 'error',

      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],

      // NestJS: modules are decorated empty classes; constructors exist for parameter properties
      // (and no stylistic rule that would ask for `import type` of a class that dependency injection reads)
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },

  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  {
    // tests: jest's expect(mock.method) is not a call, and supertest bodies are `any`
    files: ['test/**', '**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    // plain JavaScript (build script, this file, bench): no type information
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
);
