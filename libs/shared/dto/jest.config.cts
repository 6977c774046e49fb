module.exports = {
  displayName: 'shared-dto',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Nest loads reflect-metadata in the API; class-transformer's @Type needs it here too.
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/shared/dto',
};
