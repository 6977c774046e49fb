const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        // Writes the OpenAPI and AsyncAPI documents for the DTO package (not shipped in the image).
        { entryName: 'api-documents', entryPath: './src/api-documents.ts' },
        // The operator command that creates admin accounts (shipped in the image beside main.js).
        { entryName: 'admin-cli', entryPath: './src/admin-cli.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      // Documents the DTOs (types and class-validator rules) in /api/docs without decorators in the shared lib.
      transformers: [
        {
          name: '@nestjs/swagger/plugin',
          options: require('./swagger-plugin.options.json'),
        },
      ],
    }),
  ],
};
