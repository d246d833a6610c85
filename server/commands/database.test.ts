import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/secrets';
import { CliError } from '../cli-error';
import { openData } from '../main';
import { migrateCommand, tokenCommand, userCommand } from './database';

/** Runs a command in-process with captured output and the given stdin. */
async function run(command: typeof userCommand, args: string[], stdin = '') {
  let out = '';
  const code = await command(args, { out: (text) => (out += text), readStdin: async () => stdin }).catch(
    (error: unknown) => (error instanceof CliError ? error : Promise.reject(error)),
  );
  return { code, out };
}

describe('database commands', () => {
  it('adds users with a generated or piped password, changes it, lists users', async () => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-cmd-'));
    const added = await run(userCommand, ['add', '李娜', '--role', 'manager', '--team', '华南', '--data', data]);
    expect(added.code).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(added.out)?.[1] ?? '';
    expect(password).toHaveLength(20);
    expect(
      (
        await run(
          userCommand,
          ['add', 'bo', '--role', 'rep', '--team', '华南', '--password-stdin', '--data', data],
          'secret pw\n',
        )
      ).code,
    ).toBe(0);
    expect((await run(userCommand, ['list', '--data', data])).out).toBe('bo\trep\t华南\n李娜\tmanager\t华南\n');
    expect((await run(userCommand, ['passwd', 'bo', '--password-stdin', '--data', data], 'new secret\n')).code).toBe(0);
    const storage = await openData(data);
    try {
      const bo = await storage.userByName('bo');
      expect(await verifyPassword(bo?.passwordHash ?? '', 'new secret')).toBe(true);
      expect(await verifyPassword((await storage.userByName('李娜'))?.passwordHash ?? '', password)).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it.each([
    [['add', 'x', '--role', 'boss'], 2],
    [['add', 'x', '--role', 'rep'], 2],
    [['add', 'a:b', '--role', 'admin'], 1],
    [['add'], 2],
    [['passwd', 'nobody', '--password-stdin'], 1],
    [['frobnicate'], 2],
  ])('user %j → exit %i', async (args, code) => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-cmd-'));
    const result = await run(userCommand, [...args, '--data', data], 'long enough');
    expect(result.code instanceof CliError ? result.code.exitCode : result.code).toBe(code);
  });

  it('creates, lists and revokes tokens', async () => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-cmd-'));
    await run(
      userCommand,
      ['add', 'bo', '--role', 'rep', '--team', 't', '--password-stdin', '--data', data],
      'secret pw',
    );
    const first = (await run(tokenCommand, ['create', 'bo', '--label', 'laptop', '--data', data])).out.trim();
    const second = (await run(tokenCommand, ['create', 'bo', '--data', data])).out.trim();
    expect(first).toMatch(/^lc_[\w-]{43}$/);
    expect(second).not.toBe(first);
    const listed = (await run(tokenCommand, ['list', 'bo', '--data', data])).out;
    expect(listed.split('\n').filter(Boolean)).toHaveLength(2);
    expect(listed).toContain('laptop');
    expect(listed).not.toContain(first);
    expect((await run(tokenCommand, ['revoke', first, '--data', data])).out).toBe('Revoked 1 token\n');
    expect((await run(tokenCommand, ['revoke', 'bo', '--all', '--data', data])).out).toBe('Revoked 1 token\n');
    const again = await run(tokenCommand, ['revoke', 'bo', '--all', '--data', data]);
    expect(again.code).toBeInstanceOf(CliError);
    const storage = await openData(data);
    try {
      expect((await storage.listTokens('bo')).every((t) => t.revokedAt !== null)).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('migrates a new data folder once', async () => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-cmd-'));
    expect((await run(migrateCommand, ['--data', data])).out).toMatch(/^Applied migrations 1, 2/);
    expect((await run(migrateCommand, ['--data', data])).out).toBe('Database is up to date\n');
  });
});
