import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'scripts/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['apps/*', '../../*/src/*'], message: 'An app never imports another app.' }] },
      ],
    },
  },
  {
    // The domain layer is pure TypeScript: no Nest, no TypeORM, no broker.
    files: ['apps/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'amqplib', 'amqp-connection-manager', 'pg', '@envrefresh/messaging', '@envrefresh/persistence', '**/infrastructure/**', '**/interface/**', '**/application/**'] },
      ],
    },
  },
);
