// @ts-check
// Lint rules: the Nest starter's set (ESLint recommended + typescript-eslint recommendedTypeChecked),
// made stricter where the project's conventions say so. Formatting is Prettier's job (`npm run format:check`),
// so eslint-config-prettier switches off every stylistic rule that would disagree with it.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // The OpenAPI metadata is generated (npm run api-docs:metadata), not written.
  {
    ignores: [
      'dist/',
      'coverage/',
      'data/',
      'node_modules/',
      '**/*.js',
      '!src/console/public/*.js',
      '**/*.mjs',
      'src/api-docs/api-docs.metadata.ts',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      sourceType: 'commonjs',
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Ports are Promise-returning; an adapter or fake whose body happens to be synchronous stays `async`
      // so that a throw becomes a rejection, as callers expect.
      '@typescript-eslint/require-await': 'off',
      // A failure caught in one place (a subscription callback, a live loop) is kept as `unknown` and rethrown later.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests read HTTP bodies (supertest types them `any`) and use Jest's asymmetric matchers (also `any`),
    // and hand mocked methods to `expect`: the unsafe-any and unbound-method rules only add noise there.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The console's browser modules: plain JS with JSDoc types (no build step), checked by their own tsconfig.
    files: ['src/console/public/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.browser, sourceType: 'module', parserOptions: { projectService: false } },
  },
);
