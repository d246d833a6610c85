import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const fixtures = new URL('../fixtures/import/', import.meta.url).pathname;
const fresh = () => mkdtempSync(join(tmpdir(), 'leadcard-transfer-'));

async function dataWithRep(): Promise<string> {
  const data = fresh();
  const added = await runCli(
    ['user', 'add', 'alice', '--role', 'rep', '--team', 'east', '--password-stdin', '--data', data],
    'a long password',
  );
  expect(added.code).toBe(0);
  return data;
}

describe('leadcard import / export', { timeout: 60_000 }, () => {
  it('imports Chinese and English CSV and vCard, reports bad lines, merges on re-import, round-trips through export', async () => {
    const data = await dataWithRep();
    const zh = await runCli(['import', join(fixtures, 'customers-zh.csv'), '--owner', 'alice', '--data', data]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('Imported 2 new cards, merged 1, unchanged 0, skipped 1');
    expect(zh.stderr).toBe('line 5: emails.0: must be an email address\n');
    const again = await runCli(['import', join(fixtures, 'customers-zh.csv'), '--owner', 'alice', '--data', data]);
    expect(again.stdout).toContain('Imported 0 new cards, merged 0, unchanged 3');
    expect(
      (await runCli(['import', join(fixtures, 'customers-en.csv'), '--owner', 'alice', '--data', data])).code,
    ).toBe(0);
    expect((await runCli(['import', join(fixtures, 'contacts.vcf'), '--owner', 'alice', '--data', data])).code).toBe(0);

    const out = fresh();
    expect((await runCli(['export', '--format', 'csv', out, '--data', data])).code).toBe(0);
    const exported = readFileSync(join(out, 'cards.csv'), 'utf8');
    expect(exported.split('\n').filter(Boolean)).toHaveLength(8); // header + 7 contacts
    expect(exported).toContain('+8657188886666;ext=801');

    // Into a fresh server's data: the same cards come out again.
    const copy = await dataWithRep();
    expect((await runCli(['import', join(out, 'cards.csv'), '--owner', 'alice', '--data', copy])).stdout).toContain(
      'Imported 6 new cards, merged 1',
    );
    const out2 = fresh();
    await runCli(['export', '--format', 'csv', out2, '--data', copy]);
    const sorted = (text: string) => text.split('\n').filter(Boolean).sort();
    expect(sorted(readFileSync(join(out2, 'cards.csv'), 'utf8'))).toEqual(sorted(exported));

    const json = fresh();
    expect((await runCli(['export', '--format', 'json', json, '--data', copy])).code).toBe(0);
    const dump = JSON.parse(readFileSync(join(json, 'leadcard-export.json'), 'utf8'));
    expect(dump.accounts).toHaveLength(6);
    const tengda = dump.accounts.find((a: { name: string }) => a.name === '深圳市腾达科技有限公司');
    expect(tengda).toMatchObject({ owner: 'alice', team: 'east', domains: ['tengda.com.cn'] });
    expect(tengda.contacts.map((c: { name: string }) => c.name).sort()).toEqual(['张三', '李四']);
    const one = fresh();
    expect((await runCli(['export', '--format', 'json', one, '--account', tengda.id, '--data', copy])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(one, 'leadcard-export.json'), 'utf8')).accounts).toHaveLength(1);
  }, 240_000);

  it.each([
    [['import'], 2],
    [['import', 'x.txt'], 2],
    [['import', '/nonexistent/x.csv'], 1],
    [['export', 'DIR'], 2],
    [['export', '--format', 'xml', 'DIR'], 2],
  ])('exits %j with %i', async (args, code) => {
    expect((await runCli([...args, '--data', fresh()])).code).toBe(code);
  });
});
