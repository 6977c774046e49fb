import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // A module exports read interfaces and events, never its schemas: a schema (and the
    // collection behind it) is read and written by its own module only.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/*.schema', '../*/*/*.schema', '../../*/*.schema'],
              message:
                "Another module's schema: use its exported read interface or events (see README: the send path).",
            },
          ],
        },
      ],
    },
  },
];
