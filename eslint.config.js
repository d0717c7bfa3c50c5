import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      '.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  litA11y.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Lit registers elements in define.ts files, away from the class (see STYLE.md).
      'wc/tag-name-matches-class': 'off',
    },
  },
  {
    files: ['scripts/**', '*.config.*', 'test/**', '**/*.node.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Layering (STYLE.md): components know nothing of the log or the server.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/src/log/**', '**/src/server/**', '**/src/kiosk/**', '**/src/app/**'] },
      ],
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/components/**',
            '**/src/kiosk/**',
            '**/src/app/**',
            '**/src/review/**',
            '**/src/lab/**',
          ],
        },
      ],
    },
  },
);
