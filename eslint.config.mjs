// ESLint (npm run lint, part of npm test): the recommended JavaScript and typescript-eslint rules everywhere, and
// React's rules of hooks (rules-of-hooks, exhaustive-deps) in the webview. The React Compiler's rules that
// eslint-plugin-react-hooks 7 adds to its presets are not enabled: the webview is not compiled by it.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test-results/**', 'bench-out/**', 'samples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `const { omitted: _, ...rest } = value` is how a key is left out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['webview/**/*.{ts,tsx}', 'test/webview/standInHost.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['webview/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The CommonJS launcher of the bundled CLI.
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
