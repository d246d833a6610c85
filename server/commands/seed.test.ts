import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
import { seedCommand } from './seed';

const NOW = new Date('2026-06-15T08:00:00.000Z');

describe('leadcard seed', () => {
  it.each([
    [[], 2],
    [['--demo', 'extra'], 2],
    [['--demo', '--accounts', '0'], 1],
    [['--demo', '--accounts', 'many'], 1],
    [['--demo', '--seed', '1.5'], 1],
  ])('refuses %j with exit code %i', async (args, code) => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-seed-'));
    const run = seedCommand([...args, '--data', data], { out: () => {} }, NOW);
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toMatchObject({ exitCode: code });
  });

  it('seeds once, prints each password once, refuses again unless --if-empty (quiet success) or --force', async () => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-seed-'));
    let out = '';
    const io = {
      out: (text: string) => {
        out += text;
      },
    };
    expect(await seedCommand(['--demo', '--accounts', '12', '--data', data], io, NOW)).toBe(0);
    expect(out).toMatch(/^Demo data: 12 accounts, \d+ contacts/);
    expect(out).toMatch(/created the admin "admin" with the password [A-Za-z2-9]{20}/);
    expect(out.match(/^ {2}\S+\t(rep|manager)\t(East|West)\t[A-Za-z2-9]{20}$/gm)?.length).toBe(8);
    await expect(seedCommand(['--demo', '--data', data], io, NOW)).rejects.toMatchObject({ exitCode: 1 });
    out = '';
    expect(await seedCommand(['--demo', '--if-empty', '--data', data], io, NOW)).toBe(0);
    expect(out).toBe('');
    expect(await seedCommand(['--demo', '--accounts', '12', '--force', '--data', data], io, NOW)).toBe(0);
    expect(out).toContain('(existed; password unchanged)');
    expect(out).not.toMatch(/created the admin/);
  }, 60_000);
});
