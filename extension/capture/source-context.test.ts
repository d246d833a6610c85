import { expect, test } from 'vitest';
import { htmlDocument } from './html-document';
import { absoluteUrl, sourceContext } from './source-context';

test('footers: <footer>, role=contentinfo, id/class naming a footer; never the body itself', () => {
  const doc = htmlDocument(`<body class="has-footer"><main><p id="a">a</p></main>
    <footer><p id="b">b</p></footer><div role="contentinfo"><p id="c">c</p></div>
    <div class="site-footer"><div id="page-footer"><p id="d">d</p></div></div></body>`);
  const ctx = sourceContext(doc, 'https://x.example/');
  const at = (id: string) => doc.getElementById(id)!;
  expect(['a', 'b', 'c', 'd'].map((id) => ctx.inFooter(at(id)))).toEqual([false, true, true, true]);
  expect(ctx.footers().map((f) => f.tagName)).toEqual(['FOOTER', 'DIV', 'DIV']);
  expect(ctx.position(at('a'))).toBeLessThan(ctx.position(at('d')));
});

test.each([
  ['/vcard.vcf', 'https://x.example/team/', 'https://x.example/vcard.vcf'],
  ['card.vcf', 'https://x.example/team/', 'https://x.example/team/card.vcf'],
  ['http://[bad', 'https://x.example/', null],
])('absoluteUrl(%s, %s) → %s', (href, base, expected) => {
  expect(absoluteUrl(href, base)).toBe(expected);
});
