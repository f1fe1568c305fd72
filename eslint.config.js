// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Lint rules, including the architectural boundaries from DESIGN.md:
 * only main/app/ may import electron, and the renderer never imports main/.
 */
export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'dist-cli/**', 'release/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'destinations/**/*.ts', 'renderer/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bin/**/*.{js,ts}'],
    ignores: ['main/app/**', 'preload/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "Only main/app/ may import 'electron' (see DESIGN.md); everything else runs in plain Node." }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to main only through the contract.' }],
        patterns: [{ regex: '(^|/)main/', message: 'The renderer never imports main/; use the contract through bridge.ts.' }],
      }],
    },
  },
  {
    files: ['preload/**/*.ts', 'destinations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)main/', message: 'preload/ and destinations/ are shared with the renderer and must not import main/.' }],
      }],
    },
  },
);
