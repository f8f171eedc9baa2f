// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'public/vendor/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The widget's browser scripts: plain JavaScript, no build step.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    // The counsellor console: ES modules loaded by the browser as they are, type-checked
    // from their JSDoc (tsconfig.console.json).
    files: ['public/counsellor/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // Tools run with Node: the import graph (a command that prints), the dependency rules.
    files: ['scripts/**/*.mjs', '.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
