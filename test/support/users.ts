import { execFileSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

/** Creates a user with the real CLI (`leadcard user add NAME --role R --team T --password-stdin --data DIR`). */
export function addUser(
  dataDir: string,
  name: string,
  role: 'rep' | 'manager' | 'admin',
  team: string,
  password: string,
) {
  execFileSync(
    process.execPath,
    [
      `${root}bin/leadcard.mjs`,
      'user',
      'add',
      name,
      '--role',
      role,
      '--team',
      team,
      '--password-stdin',
      '--data',
      dataDir,
    ],
    { input: `${password}\n`, cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
}
