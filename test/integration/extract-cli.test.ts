import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const pages = join(root, 'test/fixtures/pages');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/leadcard.mjs'), 'extract', ...args], { cwd: root, encoding: 'utf8' });

/** `<meta charset=gb2312>` page with 联系人：冯志明, 手机, 邮箱, encoded in GBK (made with Python's gbk codec). */
const GBK_PAGE = [
  '3c21646f63747970652068746d6c3e3c68746d6c3e3c686561643e3c6d65746120687474702d65717569763d22436f6e7465',
  '6e742d547970652220636f6e74656e743d22746578742f68746d6c3b20636861727365743d676232333132223e3c7469746c',
  '653ec1aacfb5ced2c3c7202d20b6abddb8cad0f6ceb4efcee5bdf0d6c6c6b7d3d0cfdeb9abcbbe3c2f7469746c653e3c2f68',
  '6561643e3c626f64793e3c703ec1aacfb5c8cba3bab7ebd6bec3f73c2f703e3c703ecad6bbfaa3ba31333630323538313233',
  '343c2f703e3c703ed3cacfe4a3ba66656e677a6d4078696e64612d68772e636f6d3c2f703e3c2f626f64793e3c2f68746d6c',
  '3e',
];

describe('leadcard extract (the real CLI)', () => {
  test('prints exactly the JSON of DESIGN §9 for a fixture page', () => {
    const urls = JSON.parse(readFileSync(join(pages, 'urls.json'), 'utf8'));
    const page = 'team-blocks-cn-team.html';
    const run = cli(join(pages, page), '--url', urls[page]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(readFileSync(join(pages, 'team-blocks-cn-team.expected.json'), 'utf8')),
    );
  });

  test('decodes a page declared gb2312 (GBK bytes) as GB18030', () => {
    // The page's bytes in GBK, written at test time (an encoded file in the repository would trip the formatter).
    const file = join(mkdtempSync(join(tmpdir(), 'lc-')), 'gbk-contact.html');
    writeFileSync(file, Buffer.from(GBK_PAGE.join(''), 'hex'));
    const run = cli(file, '--url', 'http://www.xinda-hw.com/');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).contacts[0]).toMatchObject({
      name: '冯志明',
      org: '东莞市鑫达五金制品有限公司',
      emails: ['fengzm@xinda-hw.com'],
      phones: ['+8613602581234'],
      kind: 'person',
    });
  });

  test('without --url the page is a file: URL and the organisation comes from the page alone', () => {
    const run = cli(join(pages, 'meta-og-only.html'));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).organisation).toMatchObject({ name: '宁波港联国际物流', website: null });
  });

  test.each([
    ['a missing file', () => join(tmpdir(), 'no-such-page.html'), /no such file/],
    ['a directory', () => tmpdir(), /is a directory/],
    [
      'a binary file',
      () => {
        const file = join(mkdtempSync(join(tmpdir(), 'lc-')), 'x.html');
        writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
        return file;
      },
      /binary file/,
    ],
  ])('exits 1 with a one-line message on %s', (_, file, message) => {
    const run = cli(file());
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  test.each([[[]], [['a.html', 'b.html']], [['a.html', '--url', 'not a url']], [['a.html', '--bogus']]])(
    'exits 2 on usage error %j',
    (args) => {
      expect(cli(...args).status).toBe(2);
    },
  );
});
