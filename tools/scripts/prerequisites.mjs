// What `npm test` needs from the machine besides Node and Go, checked before anything starts.
import { spawnSync } from 'node:child_process';

/** Each check: the Debian package that provides it, and whether it is there. */
const CHECKS = [
  { name: 'chromium', apt: 'chromium', present: () => works('chromium', ['--version']) },
  { name: 'redis-server', apt: 'redis-server', present: () => works('redis-server', ['--version']) },
  {
    name: 'python3 with venv (schemathesis)',
    apt: 'python3 python3-venv',
    present: () => works('python3', ['-c', 'import venv, ensurepip']),
  },
];

function works(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** Exits with one line naming what is missing and the command that installs it. */
export function checkPrerequisites() {
  const missing = CHECKS.filter((check) => !check.present());
  if (missing.length === 0) return;
  console.error(
    `[test] missing ${missing.map((check) => check.name).join(', ')}: install with ` +
      `\`sudo apt-get install -y ${missing.map((check) => check.apt).join(' ')}\` (or run .ci/run)`,
  );
  process.exit(1);
}
