import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test-artifacts/', 'dist/', 'dist-test-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The web page's script runs in the browser, not in Node.
    files: ['src/server/web/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        fetch: 'readonly',
        FormData: 'readonly',
        confirm: 'readonly',
        window: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
      },
    },
  },
  {
    // The build script and the launchers are plain JavaScript run by Node before anything is compiled.
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'bench/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    // The start-up snapshot's entry is a CommonJS script (scripts/cli-snapshot.mjs): a snapshot builder runs no ES module.
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The checker runs some sixty patterns over every block and sentence of a draft; matchAll builds a new RegExp
    // from its pattern on every call, which was a sixth of a check's CPU (src/regex-matches.ts).
    files: ['src/check/**/*.ts', 'src/park/text-numbers.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='matchAll']",
          message: 'Use matchesOf(text, pattern) from src/regex-matches.ts: matchAll copies the pattern on every call.',
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
)
