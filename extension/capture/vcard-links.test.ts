import { expect, test } from 'vitest';
import { htmlDocument } from './html-document';
import { runSource } from './test-page';
import { extractVcardLinks, readVcardLinks } from './vcard-links';
import { upgradeVcard21 } from './vcard-text';

const card =
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nORG:Navy;Research\r\nTITLE:Rear Admiral\r\nTEL;TYPE=WORK:+1 202 555 0111\r\nTEL;TYPE=FAX:+1 202 555 0112\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n';

test('a .vcf link is fetched through the injected fetchText and read with evidence "vcard"', async () => {
  const html = '<a href="/people/grace.vcf">vCard</a><a href="/about">about</a>';
  const doc = htmlDocument(html);
  const asked: string[] = [];
  const linked = await readVcardLinks(doc, 'https://navy.example/team', 'US', async (url) => {
    asked.push(url);
    return card;
  });
  expect(asked).toEqual(['https://navy.example/people/grace.vcf']);
  const [found] = runSource(extractVcardLinks, html, { url: 'https://navy.example/team', linked, defaultRegion: 'US' });
  expect(found).toMatchObject({
    name: 'Grace Hopper',
    org: 'Navy',
    title: 'Rear Admiral',
    emails: ['grace@navy.example'],
    phones: ['+12025550111'],
    evidence: { name: ['vcard'], phones: ['vcard'] },
  });
});

test('an unreachable or broken vCard is skipped, not fatal', async () => {
  const html = '<a href="a.vcf">a</a><a href="b.vcf">b</a>';
  const linked = await readVcardLinks(htmlDocument(html), 'https://x.example/', 'CN', async (url) => {
    if (url.endsWith('a.vcf')) throw new Error('offline');
    return 'BEGIN:VCARD\r\nthis is not a vcard\r\nEND:VCARD';
  });
  expect(runSource(extractVcardLinks, html, { url: 'https://x.example/', linked })).toEqual([]);
});

test('without fetchText only data: cards are read; nothing touches the network', async () => {
  const html =
    '<a href="https://x.example/a.vcf">a</a><a href="data:text/vcard,BEGIN%3AVCARD%0D%0AVERSION%3A3.0%0D%0AFN%3AAda%0D%0AEMAIL%3Aada%40x.example%0D%0AEND%3AVCARD">b</a>';
  const linked = await readVcardLinks(htmlDocument(html), 'https://x.example/', 'CN');
  expect([...linked.keys()]).toEqual([expect.stringMatching(/^data:/)]);
  expect(runSource(extractVcardLinks, html, { url: 'https://x.example/', linked })[0]).toMatchObject({
    name: 'Ada',
    emails: ['ada@x.example'],
  });
});

test('vCard 2.1 bare parameters and quoted-printable UTF-8 are upgraded', () => {
  expect(
    upgradeVcard21(
      'BEGIN:VCARD\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=A9=AC;=E5=BC=BA\nTEL;WORK;VOICE:1\nEND:VCARD',
    ),
  ).toBe('BEGIN:VCARD\r\nN:马;强\r\nTEL;TYPE=WORK;TYPE=VOICE:1\r\nEND:VCARD');
});
