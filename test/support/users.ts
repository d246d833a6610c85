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

/** Signs in through the API as the extension does (`device: "extension"`) and returns the device token. */
export async function deviceToken(url: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, device: 'extension' }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${name}: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
