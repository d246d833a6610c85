import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliError } from '../cli-error';
import { extractCommand } from './extract';

const pages = join(import.meta.dirname, '../../test/fixtures/pages');
const urls: Record<string, string> = JSON.parse(readFileSync(join(pages, 'urls.json'), 'utf8'));

/** Runs the command in this process and returns what it printed (the spawned CLI is tested in test/integration). */
async function run(args: string[]): Promise<string> {
  let out = '';
  await extractCommand(args, (text) => {
    out += text;
  });
  return out;
}

describe('leadcard extract on every fixture page (the §9 contract, in process)', () => {
  test.each(readdirSync(pages).filter((f) => f.endsWith('.html')))('%s', async (page) => {
    const printed = await run([join(pages, page), '--url', urls[page]!]);
    expect(printed.endsWith('\n')).toBe(true);
    const expected = JSON.parse(readFileSync(join(pages, page.replace(/\.html$/, '.expected.json')), 'utf8'));
    expect(JSON.parse(printed)).toEqual(expected);
    expect(Object.keys(JSON.parse(printed))).toEqual(['contacts', 'organisation']);
  });
});

describe('usage and input errors', () => {
  test.each([
    [[], 2, /exactly one FILE/],
    [['a.html', '--url', 'nope'], 2, /--url is not a valid URL/],
    [['a.html', '--region', 'China'], 2, /--region must be a two-letter/],
    [[join(pages, 'missing.html')], 1, /no such file/],
    [[pages], 1, /is a directory/],
  ])('%j → exit %i', async (args, code, message) => {
    const error = await run(args as string[]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(code);
    expect((error as CliError).message).toMatch(message);
  });

  test('--region overrides the region inferred from the page', async () => {
    const file = join(pages, 'labelled-text-en-table-columns.html');
    const inferred = JSON.parse(await run([file, '--url', urls['labelled-text-en-table-columns.html']!]));
    const forced = JSON.parse(await run([file, '--url', 'https://x.example/', '--region', 'cn']));
    expect(inferred.contacts[0].phones).toEqual(['+15415550134']);
    expect(forced.contacts[0].phones).toEqual([]);
  });
});
