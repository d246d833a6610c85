import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../capture/mail/parsed-email';
import { type EmlFile, readEmlBatch } from './eml-batch';

const file = (name: string): EmlFile => ({
  name,
  bytes: async () => new Uint8Array(readFileSync(new URL(`../../test/fixtures/mail/${name}`, import.meta.url))),
});
const text = (name: string, body: string): EmlFile => ({ name, bytes: async () => new TextEncoder().encode(body) });

describe('readEmlBatch', () => {
  it('reads every file, reports progress after each, and a broken file does not stop the batch', async () => {
    const progress: string[] = [];
    let id = 0;
    const results = await readEmlBatch(
      [
        file('apple-big5-traditional.eml'),
        text('empty.eml', ''),
        text('photo.eml', '\u0000\u0001PNG'),
        file('alimail-zh-ideographic-space.eml'),
      ],
      {
        parse: (raw) => parseEmail(raw),
        locale: 'en',
        newId: () => `clip-${++id}`,
        onProgress: (done, total) => progress.push(`${done}/${total}`),
      },
    );
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(results.map((r) => ('clip' in r ? r.clip.id : r.error))).toEqual([
      'clip-1',
      'empty.eml is empty.',
      'photo.eml is a binary file, not an email.',
      'clip-2',
    ]);
    const first = results[0]!;
    if (!('clip' in first)) throw new Error('the first file reads');
    expect(first.clip).toMatchObject({ site: 'eml', source: first.clip.parsed.messageId });
    expect(first.clip.parsed.messageId).toBeTruthy();
  });

  it('words a problem in the rep’s language, and an unexpected failure in one line', async () => {
    const [broken, odd] = await readEmlBatch([text('a.eml', ''), text('b.eml', 'x')], {
      parse: async (raw) => {
        if (raw.length === 0) return parseEmail(raw);
        throw new Error('disk gone\nstack…');
      },
      locale: 'zh-CN',
      newId: () => 'x',
      onProgress: () => undefined,
    });
    expect(broken).toEqual({ file: 'a.eml', error: 'a.eml 是空文件。' });
    expect(odd).toEqual({ file: 'b.eml', error: '无法读取 b.eml：disk gone' });
  });
});
