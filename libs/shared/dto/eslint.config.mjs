import baseConfig from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          // The schema generator (schemas/) and the breaking-change comparer (compatibility/) run in
          // the workspace only: they are not part of the package.
          ignoredFiles: [
            '{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}',
            '{projectRoot}/schemas/**',
            '{projectRoot}/compatibility/**',
          ],
          // A peer the consumer loads once (class-transformer's @Type reads decorator metadata).
          ignoredDependencies: ['reflect-metadata'],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
];
