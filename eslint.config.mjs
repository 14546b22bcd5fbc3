import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'data/**',
      'db/migrations/**',
      // Generated from db/schema (npm run db:pg-schema); its test keeps it current.
      'db/pg/schema.ts',
      'db/pg/migrations/**',
      'test-results/**',
      'playwright-report/**',
      '.reports/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Verbs are async: a call whose promise nobody awaits would run after the test or the request
    // has moved on. Typed rules need the project's types, so they cover our TypeScript only.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Pages translate through lib/i18n/server.ts and client components through lib/i18n/client.ts,
    // which keep compiled messages and Intl formats; next-intl's own would build them again on
    // every request (issue 15).
    files: ['app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['lib/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'next-intl/server',
              importNames: ['getTranslations', 'getFormatter'],
              message: "Import them from '@/lib/i18n/server'.",
            },
            {
              name: 'next-intl',
              importNames: ['useTranslations', 'useFormatter'],
              message: "Import them from '@/lib/i18n/client'.",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain core stays pure (STYLE.md): no I/O, no framework, no clock.
    files: ['lib/domain/**/*.ts'],
    ignores: ['lib/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@/db/*',
            '@/lib/server/*',
            'next',
            'next/*',
            'react',
            'node:*',
            '../server/*',
            '../../db/*',
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in.',
        },
      ],
    },
  },
];

export default config;
