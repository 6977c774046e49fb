// `npm run admin:create -- --email <email> [--name <name>]`: makes an admin account in the
// development database (that of `npm start`, which must be running, or MONGODB_URI), with the
// operator command the production image ships (dist/apps/api/admin-cli.js, built first). The
// password of a new account comes from ADMIN_PASSWORD or the standard input, never the arguments.
import { DEV_DB } from '../db/ferretdb.mjs';
import { loadDevEnv, run } from './processes.mjs';

loadDevEnv();
process.env.MONGODB_URI ??= `mongodb://127.0.0.1:${DEV_DB.port}/promoto`;
if ((await run('npx', ['nx', 'build', 'api', '--outputStyle=static'])) !== 0) process.exit(1);
process.exit(await run('node', ['dist/apps/api/admin-cli.js', 'create', ...process.argv.slice(2)]));
