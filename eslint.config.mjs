// `npm run lint` (and a step of `npm test`): zero warnings allowed. Type-aware rules use the
// TypeScript 6 JS API (package `typescript`, aliased to @typescript/typescript6) because the
// TypeScript 7 compiler (`@typescript/native`, our `tsc`) ships no JS API yet.
// no-unused-vars: an import or a binding nobody reads is dead code the type check does not report
// (unused-exports covers exports); `_`-prefixed names are the deliberate exceptions.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import kiosk from './scripts/lint/import-boundaries.mjs';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'release/**', '.kiosk-data/**', 'test-results/**', 'scripts/lint/fixtures/**', 'common/web-globals.d.ts'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks, kiosk },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'kiosk/import-boundaries': 'error',
    },
  },
  {
    // The renderer, common/ and documents/ run without Node. Their layer type checks (*/tsconfig.layer.json)
    // carry no Node types, but the backend's ApiType drags them in transitively, so the globals
    // are refused here too.
    files: ['renderer/src/**/*.{ts,tsx}', 'common/**/*.ts', 'documents/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', '**/test-support/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module', 'setImmediate'].map((name) => ({
          name,
          message: 'a Node global: the renderer, common/ and documents/ run without Node',
        })),
      ],
    },
  },
);
