module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        astTransformers: { before: ['<rootDir>/swagger-jest-transformer.cjs'] },
      },
    ],
  },
  // jose is ESM-only: ts-jest turns it into CommonJS like our own files (allowJs in tsconfig.spec.json).
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
  // Integration tests boot the API (some two processes of it) against a real database: give them
  // room on a 2-core machine that also runs a second test file and its processes.
  testTimeout: 60_000,
  maxWorkers: 2,
};
