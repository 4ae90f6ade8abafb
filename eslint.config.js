// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/node_modules/**', 'coverage/**', 'editors/vscode/out/**', 'editors/vscode/server/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  {
    // zod's values come from src/util/zod.ts (lazySchema, zod()), which the CLI's bundles load on first
    // use: a value import anywhere else would bundle a second zod that loads at every start. The same
    // for the language server's libraries and src/lsp/libs.ts.
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    ignores: ['src/util/zod.ts', 'src/lsp/libs.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: "Import zod's types only; build schemas with lazySchema((z) => …) or zod() from src/util/zod.ts.", allowTypeImports: true },
            ...['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-textdocument'].map((name) => ({ name, message: "Import the language server's libraries from src/lsp/libs.ts.", allowTypeImports: true })),
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*', 'scripts/**/*'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
