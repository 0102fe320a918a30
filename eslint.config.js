import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'worker_threads',
  'http',
  'url',
  'stream',
];

/** Process boundaries (docs/architecture.md), enforced here rather than hoped for. */
const boundaries = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node APIs.' },
            {
              group: ['electron', 'better-sqlite3', 'react', 'react-dom'],
              message: 'shared/ runs everywhere: no runtime-specific packages.',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not depend on electron/ or renderer/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'electron'],
              message: 'The renderer talks to the backend only through the typed API client.',
            },
            {
              group: [...nodeBuiltins, 'better-sqlite3'],
              message: 'The renderer is a sandboxed web page: no Node APIs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message:
                'The backend never imports electron: it must run in plain Node (browser host, CLI, tests).',
            },
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'The backend does not depend on the Electron shell or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // Crash reports are memory dumps: they would carry decrypted private coaching notes off the machine.
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['crashReporter'],
              message: 'No crash reporter: a dump could hold decrypted private notes.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The sandboxed preload cannot use Node APIs.' },
            {
              group: ['**/backend/**', '**/main/**', '**/renderer/**'],
              message: 'The preload only bridges to main over IPC.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'bench-results/**',
      'resources/**',
      '**/*.tmp.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...boundaries,
);
