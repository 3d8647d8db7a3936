// Lint: type-aware rules for src and test; floating promises are errors; the lower layers may not import vscode.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

function layer(dir, above) {
  const up = above.map((d) => `**/${d}/**`);
  return [
    {
      files: [`${dir}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [{ name: 'vscode', message: `${dir} knows nothing of VS Code: move this to src/workbench.` }],
            patterns: [{ group: up, message: `${dir} never calls up into ${above.join(', ')}.` }],
          },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', 'test-results/**', 'src/botfile/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  // The floors: workbench → (cli) → (agent) → sync, endpoint → botfile → poe. Nothing below the workbench imports vscode, and
  // no floor calls up.
  ...layer('src/poe', ['botfile', 'sync', 'endpoint', 'cli', 'workbench']),
  ...layer('src/botfile', ['sync', 'endpoint', 'cli', 'workbench']),
  ...layer('src/sync', ['endpoint', 'cli', 'workbench']),
  ...layer('src/endpoint', ['sync', 'cli', 'workbench']),
  ...layer('src/agent', ['cli', 'workbench']),
  ...layer('src/cli', ['workbench']),
  // Inside the workbench: the shared rooms at its top never import a feature folder (types aside), so no arrow runs
  // up; the doors that gather the panels (panels.ts, panelLoader.ts) are the exception by design.
  {
    files: ['src/workbench/*.ts'],
    ignores: ['src/workbench/panels.ts', 'src/workbench/panelLoader.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                './push/*',
                './pull/*',
                './tryBot/*',
                './checkEndpoint/*',
                './tree/*',
                './apiKey/*',
                './commands/*',
                './editor/*',
                './botTests/*',
                './agentTools/*',
              ],
              message: 'A shared room of the workbench never imports a feature: move what both need up here.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
