module.exports = {
  displayName: 'db',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/tools/db',
  // Each suite runs its own FerretDB processes (and builds them on a fresh machine): one at a time.
  maxWorkers: 1,
  testTimeout: 180_000,
};
