import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { candidate } from '../../shared/schema/candidate';
import { parseEmailCommand } from './parse-email';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = resolve(repo, 'test/fixtures/mail');

interface Expected {
  exitCode: number;
  output?: Record<string, unknown> & { signature: Record<string, unknown> | null };
  stderr?: string;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({
    write(s: string) {
      into.push(s);
      return true;
    },
  });
  const exitCode = await parseEmailCommand(args, sink(out), sink(err));
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

/**
 * Every `.eml` in test/fixtures/mail (written for the project: Foxmail, QQ, 163, Outlook zh/en, Apple Mail, Gmail,
 * Thunderbird; GB2312 with GBK bytes, GBK, GB18030, Big5, UTF-8, windows-1252, ISO-8859-1; malformed files) against
 * its `.expected.json`: the exact DESIGN §9 output, the signature compared on the fields the expectation names.
 */
describe('leadcard parse-email on the mail fixtures', () => {
  const names = readdirSync(fixtures)
    .filter((f) => f.endsWith('.eml'))
    .sort();

  test('there are fixtures, each with an expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) expect(readdirSync(fixtures)).toContain(name.replace(/\.eml$/, '.expected.json'));
  });

  test.each(names)('%s', async (name) => {
    const expected = JSON.parse(
      readFileSync(resolve(fixtures, name.replace(/\.eml$/, '.expected.json')), 'utf8'),
    ) as Expected;
    const { exitCode, stdout, stderr } = await run([`test/fixtures/mail/${name}`]);
    expect(exitCode).toBe(expected.exitCode);
    if (expected.exitCode !== 0) {
      expect(stdout).toBe('');
      expect(stderr.trim()).toBe(expected.stderr);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      return;
    }
    const output = JSON.parse(stdout) as Record<string, unknown> & { signature: unknown };
    expect(Object.keys(output)).toEqual([
      'from',
      'to',
      'cc',
      'subject',
      'date',
      'messageId',
      'body',
      'quoted',
      'signature',
    ]);
    const { signature, ...rest } = output;
    const { signature: wantSignature, ...wantRest } = expected.output!;
    expect(rest).toEqual(wantRest);
    if (wantSignature === null) expect(signature).toBeNull();
    else {
      expect(candidate.parse(signature)).toMatchObject(wantSignature);
    }
  });
});

describe('leadcard parse-email arguments and files', () => {
  test.each([
    [[], 2, /expects exactly one FILE\.eml/],
    [['a.eml', 'b.eml'], 2, /expects exactly one FILE\.eml/],
    [['--bogus', 'a.eml'], 2, /Unknown option/],
    [['--region', 'china', 'a.eml'], 2, /--region must be two capital letters/],
    [['test/fixtures/mail/no-such-file.eml'], 1, /cannot read .*no-such-file\.eml: no such file/],
    [['test/fixtures/mail'], 1, /is a directory/],
  ])('%j → exit %i', async (args, code, message) => {
    const { exitCode, stdout, stderr } = await run(args);
    expect(exitCode).toBe(code);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  test('--region changes how numbers without a country code are read', async () => {
    const { stdout } = await run(['--region', 'US', 'test/fixtures/mail/foxmail-gb2312-gbk-bytes.eml']);
    const { signature } = JSON.parse(stdout) as { signature: { phones: string[] } };
    expect(signature.phones).not.toContain('+8613800138000');
  });
});

/** The real CLI, as a rep or a script runs it: `node bin/leadcard.mjs parse-email FILE.eml`. */
describe('the leadcard binary', () => {
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, [resolve(repo, 'bin/leadcard.mjs'), ...args], { cwd: repo }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  test('prints the parsed mail as JSON and exits 0', async () => {
    const { code, stdout } = await cli(['parse-email', 'test/fixtures/mail/outlook-zh-utf8-qp-alternative.eml']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { from: { address: string }; quoted: boolean; signature: { name: string } };
    expect(parsed.from.address).toBe('liuyang@yunfan-tech.cn');
    expect(parsed.quoted).toBe(true);
    expect(parsed.signature.name).toBe('刘洋');
  });

  test('refuses a file that is not a mail with exit 1 and one line on stderr', async () => {
    const { code, stdout, stderr } = await cli(['parse-email', 'test/fixtures/mail/malformed-binary.eml']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/^leadcard parse-email: .*binary data, not an email/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
