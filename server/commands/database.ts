import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { generatePassword, generateToken, hashPassword, hashToken, TEAM_NAME, USER_NAME } from '../auth/secrets';
import { CliError } from '../cli-error';
import { migrations } from '../db/sqlite';
import { type Role, roles } from '../db/storage';
import { databaseFile, openData } from '../main';
import { runningServerPid } from '../pid-file';

/**
 * The database commands of DESIGN §9 (`user`, `token`, `migrate`, `backup`, `restore`). Each takes
 * `--data DIR` (default ./data) and opens `DIR/leadcard.db`, applying pending migrations first.
 */
type Io = { out: (text: string) => void; readStdin: () => Promise<string> };

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const dataOption = { data: { type: 'string', default: './data' } } as const;

async function readPassword(io: Io): Promise<string> {
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (password.length < 8) throw new CliError(1, 'the password from stdin must be at least 8 characters');
  return password;
}

async function withData<T>(dataDir: string, run: (storage: Awaited<ReturnType<typeof openData>>) => Promise<T>) {
  const storage = await openData(dataDir);
  try {
    return await run(storage);
  } finally {
    await storage.close();
  }
}

export async function userCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        ...dataOption,
        role: { type: 'string' },
        team: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
    const [name, extra] = positionals;
    if (!name || extra !== undefined) throw new CliError(2, 'usage: user add NAME --role rep|manager|admin [--team T]');
    if (!USER_NAME.test(name)) throw new CliError(1, 'NAME must be 1–64 letters, digits, ".", "_" or "-"');
    const role = values.role as Role | undefined;
    if (!role || !roles.includes(role)) throw new CliError(2, '--role must be rep, manager or admin');
    const team = values.team ?? null;
    if (team !== null && !TEAM_NAME.test(team)) throw new CliError(1, '--team must be 1–64 letters, digits or spaces');
    if (role !== 'admin' && team === null) throw new CliError(2, `a ${role} needs --team`);
    const generated = values['password-stdin'] ? null : generatePassword();
    const password = generated ?? (await readPassword(io));
    const passwordHash = await hashPassword(password);
    return withData(values.data, async (storage) => {
      const created = await storage.createUser({
        id: randomUUID(),
        name,
        role,
        team,
        passwordHash,
        createdAt: new Date().toISOString(),
      });
      if (created === 'exists') throw new CliError(1, `a user named ${name} already exists`);
      io.out(`Created ${role} ${name}${team ? ` in team ${team}` : ''}\n`);
      if (generated) io.out(`Password (shown once): ${generated}\n`);
      return 0;
    });
  }
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: dataOption });
    return withData(values.data, async (storage) => {
      for (const user of await storage.listUsers()) io.out(`${user.name}\t${user.role}\t${user.team ?? '-'}\n`);
      return 0;
    });
  }
  if (sub === 'passwd') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...dataOption, 'password-stdin': { type: 'boolean' } },
    });
    const [name] = positionals;
    if (!name || positionals.length !== 1) throw new CliError(2, 'usage: user passwd NAME [--password-stdin]');
    const generated = values['password-stdin'] ? null : generatePassword();
    const passwordHash = await hashPassword(generated ?? (await readPassword(io)));
    return withData(values.data, async (storage) => {
      if (!(await storage.setPasswordHash(name, passwordHash))) throw new CliError(1, `no user named ${name}`);
      // A new password ends the user's sessions (device and API tokens stay until revoked).
      await storage.revokeTokens({ userName: name, kind: 'session' }, new Date());
      io.out(generated ? `Password (shown once): ${generated}\n` : `Password of ${name} changed\n`);
      return 0;
    });
  }
  throw new CliError(2, 'usage: user add|list|passwd …');
}

export async function tokenCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { ...dataOption, label: { type: 'string' }, all: { type: 'boolean' } },
  });
  const [target] = positionals;
  if (!target || positionals.length !== 1) throw new CliError(2, `usage: token ${sub ?? 'create'} NAME|ID`);
  return withData(values.data, async (storage) => {
    if (sub === 'create') {
      if (!(await storage.userByName(target))) throw new CliError(1, `no user named ${target}`);
      const token = generateToken();
      await storage.createToken({
        id: randomUUID(),
        userName: target,
        kind: 'api',
        hash: hashToken(token),
        label: values.label ?? null,
        createdAt: new Date().toISOString(),
        expiresAt: null,
      });
      io.out(`${token}\n`);
      return 0;
    }
    if (sub === 'list') {
      for (const t of await storage.listTokens(target))
        io.out(
          `${t.id}\t${t.kind}\t${t.label ?? '-'}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}\n`,
        );
      return 0;
    }
    if (sub === 'revoke') {
      // `token revoke ID`, or `token revoke NAME --all` for every token of a user.
      const count = values.all
        ? await storage.revokeTokens({ userName: target }, new Date())
        : await storage.revokeTokens(
            target.startsWith('lc_') ? { hash: hashToken(target) } : { id: target },
            new Date(),
          );
      if (count === 0) throw new CliError(1, 'no live token matched');
      io.out(`Revoked ${count} token${count === 1 ? '' : 's'}\n`);
      return 0;
    }
    throw new CliError(2, 'usage: token create|list|revoke …');
  });
}

export async function migrateCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const { values } = parseArgs({ args, options: dataOption });
  const storage = (await import('../db/sqlite')).openSqliteStorage(databaseFile(values.data));
  try {
    const applied = await storage.migrate();
    io.out(applied.length ? `Applied migrations ${applied.join(', ')}\n` : 'Database is up to date\n');
    return 0;
  } finally {
    await storage.close();
  }
}

export async function backupCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: dataOption });
  const [file] = positionals;
  if (!file || positionals.length !== 1) throw new CliError(2, 'usage: backup FILE [--data DIR]');
  if (!existsSync(databaseFile(values.data))) throw new CliError(1, `no database in ${values.data}`);
  return withData(values.data, async (storage) => {
    // SQLite's online backup: a consistent copy even while the server writes.
    await storage.backup(resolve(file));
    io.out(`Backed up to ${file}\n`);
    return 0;
  });
}

export async function restoreCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: dataOption });
  const [file] = positionals;
  if (!file || positionals.length !== 1) throw new CliError(2, 'usage: restore FILE [--data DIR]');
  const pid = runningServerPid(values.data);
  if (pid !== null) throw new CliError(1, `a server (pid ${pid}) is using ${values.data}; stop it before restoring`);
  if (!existsSync(file)) throw new CliError(1, `no such file: ${file}`);
  checkBackup(file);
  const target = databaseFile(values.data);
  const staging = `${target}.restoring`;
  copyFileSync(file, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
  await (await openData(values.data)).close();
  io.out(`Restored ${values.data} from ${file}\n`);
  return 0;
}

/** A backup is a SQLite file with our migrations table, no newer than this code knows. */
function checkBackup(file: string): void {
  const header = readFileSync(file).subarray(0, 16).toString('latin1');
  if (header !== 'SQLite format 3\u0000') throw new CliError(1, `${file} is not a Leadcard backup (not SQLite)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT max(id) AS id FROM schema_migrations').get() as { id: number | null };
    const known = Math.max(...migrations.map((m) => m.id));
    if ((row.id ?? 0) > known) throw new CliError(1, `${file} comes from a newer Leadcard (migration ${row.id})`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(1, `${file} is not a Leadcard backup`);
  } finally {
    db.close();
  }
}
