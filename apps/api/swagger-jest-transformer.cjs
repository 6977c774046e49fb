// The Nest Swagger plugin as a ts-jest AST transformer (the webpack build uses it directly), so
// that the integration tests check /api/docs as it ships.
const plugin = require('@nestjs/swagger/plugin');
const options = require('./swagger-plugin.options.json');

module.exports.name = 'nestjs-swagger-transformer';
// Changing the options must invalidate ts-jest's cache.
module.exports.version = JSON.stringify(options);
module.exports.factory = (compiler) => plugin.before(options, compiler.program);
