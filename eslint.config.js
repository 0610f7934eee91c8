// Lint rules: typescript-eslint's recommended set plus a few that keep the architecture honest.
// XSS in JSX is checked separately by @kitajs/ts-html-plugin's xss-scan (npm run lint).
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'tmp/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment only in src/config.ts (ARCHITECTURE.md: config is parsed once and passed in).',
        },
      ],
    },
  },
  {
    // Only config, tests, benchmarks and scripts may read the environment.
    files: ['src/config.ts', 'test/**', 'bench/**', 'scripts/**', '**/*.test.ts', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/views/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
)
