import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const apps = ['roster', 'triage', 'dispatch', 'gateway'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/gateway/web/vendor/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  // An app never imports another app: only libs cross a service boundary.
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: apps
            .filter((other) => other !== app)
            .map((other) => ({
              group: [`**/apps/${other}/**`, `../../${other}/**`, `../${other}/**`],
              message: 'Apps talk over the bus; share code through libs/.',
            })),
        },
      ],
    },
  })),
  // Domain code takes time from the injected Clock.
  {
    files: ['apps/*/src/**/*.ts', 'libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected Clock.',
        },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']",
          message: 'Use the injected Clock.',
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
