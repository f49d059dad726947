import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'packages/db/migrations/**', 'bench/out/**'] },
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
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Write transactions go through AuditService.transaction, which chains the audit entries
    // last: the chain head must be the last lock a transaction takes (no deadlocks through it).
    files: ['apps/server/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'apps/server/src/features/audit/audit.service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'][callee.object.property.name='db']",
          message: 'open write transactions with audit.transaction (its entries are chained last), not db.transaction',
        },
        {
          selector: "CallExpression[callee.property.name='insert'][arguments.0.name='notificationOutbox']",
          message: 'queue notices through NotificationsService.enqueue (the one way into the outbox), not by inserting rows',
        },
      ],
    },
  },
  {
    // The outbox's own repository is where NotificationsService.enqueue writes.
    files: ['apps/server/src/features/notifications/notifications.repo.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction'][callee.object.property.name='db']",
          message: 'open write transactions with audit.transaction (its entries are chained last), not db.transaction',
        },
      ],
    },
  },
  {
    // Tests talk to the API as a client would: untyped JSON bodies are the point there.
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
