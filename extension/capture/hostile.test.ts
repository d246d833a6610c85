import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { candidate } from '../../shared/schema/candidate';
import { extractPage } from './extract-page';
import { htmlDocument } from './html-document';
import { candidatesFromText } from './labelled-text';
import { deobfuscate } from './obfuscated-email';

// Pathological inputs: each must finish (no catastrophic backtracking, no stack overflow) and give valid output.
// No timings are asserted; a regex blow-up shows as a test timeout.
describe('hostile pages stay bounded', () => {
  test('deeply nested DOM (20,000 levels) does not overflow the stack', () => {
    const html = `${'<div class="h-card">'.repeat(1)}${'<div>'.repeat(20_000)}联系人：张三 手机：13800138000${'</div>'.repeat(20_001)}`;
    const { contacts } = extractPage(htmlDocument(html), 'https://a.cn/');
    expect(contacts.map((c) => c.name)).toContain('张三');
  });

  test('a huge page (about 6 MB of text) is read up to the caps and still gives the contact near the top', () => {
    const filler =
      `<p>${'产品介绍 Product description lorem ipsum 1234-5678 2024-01-01 ¥99.00 '.repeat(40)}</p>`.repeat(2000);
    const html = `<p>联系人：孙八</p><p>手机：13800138008</p>${filler}<p>联系人：末尾</p>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    const { contacts } = extractPage(htmlDocument(html), 'https://a.cn/');
    expect(contacts[0]).toMatchObject({ name: '孙八', phones: ['+8613800138008'] });
  });

  test('thousands of links', () => {
    const links = Array.from(
      { length: 5000 },
      (_, i) => `<a href="mailto:user${i}@example.com">x</a><a href="tel:+8613800${String(i).padStart(6, '0')}">t</a>`,
    );
    const { contacts } = extractPage(htmlDocument(links.join('')), 'https://example.com/');
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.length).toBeLessThanOrEqual(1000);
  });

  test.each([
    ['a@'.repeat(50_000)],
    ['电话：'.repeat(30_000)],
    [`${'1 '.repeat(100_000)}x`],
    [`${'a.'.repeat(100_000)}@`],
    [`${'x [at] '.repeat(20_000)}`],
    [`${'-'.repeat(200_000)}`],
    [`Name: ${'A '.repeat(50_000)}`],
    [`${'(0'.repeat(50_000)}`],
  ])('pathological text %#', (text) => {
    for (const c of candidatesFromText(text)) candidate.parse(c);
    expect(typeof deobfuscate(text)).toBe('string');
    extractPage(htmlDocument(`<p>${text}</p>`), 'https://a.cn/');
  });

  test('a huge JSON-LD block and broken JSON-LD leave the rest readable', () => {
    const big = `{"@type":"Thing","x":"${'y'.repeat(2_000_000)}"}`;
    const html = `<script type="application/ld+json">${big}</script><script type="application/ld+json">{"@type":"Person",</script>
      <script type="application/ld+json">{"@type":"Person","name":"Ada Lovelace","email":"ada@example.com"}</script>`;
    const { contacts } = extractPage(htmlDocument(html), 'https://example.com/');
    expect(contacts.map((c) => c.name)).toEqual(['Ada Lovelace']);
  });

  test('script-injected and hidden text is not read', () => {
    const html = `<script>document.body.innerHTML += '联系人：注入'</script><template><p>联系人：模板</p></template>
      <div hidden>联系人：隐藏</div><p style="display:none">联系人：也隐藏</p><p>联系人：可见</p><p>手机：13800138000</p>`;
    expect(extractPage(htmlDocument(html), 'https://a.cn/').contacts.map((c) => c.name)).toEqual(['可见']);
  });
});

test('property: any text gives schema-valid candidates with E.164 phones', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('CN', 'US', 'GB'), (text, region) => {
      for (const c of candidatesFromText(text, { defaultRegion: region })) {
        candidate.parse(c);
        for (const p of c.phones) expect(p).toMatch(/^\+\d{7,15}(;ext=\d+)?$/);
      }
    }),
    { numRuns: 300 },
  );
});
