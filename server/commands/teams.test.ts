import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli';
import { CliError } from '../cli-error';
import { openData } from '../main';
import { teamCommand } from './teams';

const newData = () => mkdtempSync(join(tmpdir(), 'leadcard-team-'));

/** Runs `team …` in-process: the exit code, or the CliError it throws (main() prints its one line). */
async function run(args: string[]) {
  let out = '';
  const code = await teamCommand(args, { out: (text) => (out += text) }).catch((error: unknown) =>
    error instanceof CliError ? error.exitCode : Promise.reject(error),
  );
  return { code, out };
}

describe('leadcard team', () => {
  it('adds, lists and renames teams as a process; `user add --team` still creates an unknown team', async () => {
    const data = newData();
    const added = await runCli(['team', 'add', '华南 sales', '--data', data]);
    expect(added).toMatchObject({ code: 0, stdout: 'Created team 华南 sales\n', stderr: '' });
    const user = await runCli(
      ['user', 'add', 'li', '--role', 'manager', '--team', 'north', '--password-stdin', '--data', data],
      'a long password\n',
    );
    expect(user.code).toBe(0);
    expect((await runCli(['team', 'list', '--data', data])).stdout).toBe(
      'north\tli(manager)\t0\t0\n华南 sales\t-\t0\t0\n',
    );
    const renamed = await runCli(['team', 'rename', 'north', '华北', '--data', data]);
    expect(renamed).toMatchObject({ code: 0, stdout: 'Renamed team north to 华北 (0 accounts)\n' });
    const storage = await openData(data);
    try {
      expect((await storage.userByName('li'))?.team).toBe('华北');
    } finally {
      await storage.close();
    }
    const taken = await runCli(['team', 'rename', '华北', '华南 sales', '--data', data]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe('leadcard team: a team named 华南 sales already exists\n');
  }, 60_000); // five processes of `leadcard`, each starting tsx: slow on a loaded machine

  it.each([
    [['add'], 2],
    [['add', 'a', 'b'], 2],
    [['list', 'x'], 2],
    [['rename', 'a'], 2],
    [['frobnicate'], 2],
    [[], 2],
    [['add', 'bad:name'], 1],
    [['add', 'x'.repeat(65)], 1],
    [['rename', 'nowhere', 'somewhere'], 1],
    [['rename', 'east', 'bad:name'], 1],
  ])('team %j → exit %i', async (args, code) => {
    expect((await run([...args, '--data', newData()])).code).toBe(code);
  });

  it('refuses a second team of the same name', async () => {
    const data = newData();
    expect((await run(['add', 'east', '--data', data])).code).toBe(0);
    expect((await run(['add', 'east', '--data', data])).code).toBe(1);
    expect((await run(['list', '--data', data])).out).toBe('east\t-\t0\t0\n');
  });
});
