import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isRoleAddress } from '../../shared/normalise/email';
import { candidate } from '../../shared/schema/candidate';
import { extractPage, type PageExtraction } from './extract-page';
import { htmlDocument } from './html-document';

// Building blocks of real contact pages; fast-check assembles random pages from them.
const blocks = [
  '<p>联系人：张三</p><p>手机：138 0013 8000</p>',
  '<p>联系人：李四　职位：采购经理　邮箱：lisi@acme.cn</p>',
  '<p>电话：0755-8888 6666 转 801</p>',
  '<p>传真：0755-8888 6667</p>',
  '<p>订单号：202403158866001234 日期：2024-01-15 价格：¥1380.00</p>',
  '<a href="mailto:zhangsan@acme.cn">张三</a>',
  '<a href="mailto:noreply@acme.cn">noreply</a>',
  '<a href="tel:+8613800138000">call</a>',
  '<p>Email: wang [at] acme [dot] cn</p>',
  '<script type="application/ld+json">{"@type":"Person","name":"Li Si","email":"lisi@acme.cn","worksFor":{"@type":"Organization","name":"Acme"}}</script>',
  '<script type="application/ld+json">{"@type":"Organization","name":"Acme","telephone":"0755-8888 6666"}</script>',
  '<script type="application/ld+json">{"@type": broken</script>',
  '<div class="h-card"><span class="p-name">张三</span><span class="p-tel">13800138000</span></div>',
  '<div class="vcard"><span class="fn">Bob Stone</span><a class="email" href="mailto:bob@acme.cn">x</a></div>',
  '<footer>总机：0755-8888 6666 © 2024 深圳市顶点科技有限公司 粤ICP备12345678号</footer>',
  '<ul><li><h4>Ann Lee</h4><p>Sales Manager</p></li><li><h4>Bo Chen</h4><p>Engineer</p></li><li><h4>Cy Park</h4><p>Director</p></li></ul>',
];

function invariants(result: PageExtraction): void {
  const all = [...result.contacts, ...(result.organisation ? [result.organisation] : [])];
  for (const c of all) {
    candidate.parse(c);
    // Evidence names exactly the filled fields (DESIGN §9: which source gave each field).
    const filled = (['name', 'title', 'org', 'website', 'address'] as const).filter((f) => c[f] !== null);
    const lists = (['emails', 'phones'] as const).filter((f) => c[f].length > 0);
    expect(Object.keys(c.evidence).sort()).toEqual([...filled, ...lists].sort());
    for (const p of c.phones) expect(p).toMatch(/^\+\d{7,15}(;ext=\d+)?$/);
    for (const e of c.emails) expect(e).toBe(e.toLowerCase());
  }
  for (const c of result.contacts) {
    expect(c.kind).not.toBe('organisation');
    if (c.kind === 'person') expect(c.emails.filter((e) => isRoleAddress(e))).toEqual([]);
    if (c.kind === 'role-address') expect(c.emails.every((e) => isRoleAddress(e))).toBe(true);
  }
  // Nobody's phone is the fax number, and the switchboard is the organisation's alone.
  expect(all.flatMap((c) => c.phones)).not.toContain('+8675588886667');
  const orgPhones = new Set(result.organisation?.phones ?? []);
  for (const c of result.contacts) for (const p of c.phones) expect(orgPhones.has(p)).toBe(false);
}

test('property: any page assembled from real blocks gives consistent candidates', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...blocks), { maxLength: 8 }), (parts) => {
      const html = `<html><head><title>联系我们 - Acme</title></head><body>${parts.join('\n')}</body></html>`;
      const first = extractPage(htmlDocument(html), 'https://www.acme.cn/contact');
      invariants(first);
      // Deterministic: the same page gives the same answer.
      expect(extractPage(htmlDocument(html), 'https://www.acme.cn/contact')).toEqual(first);
    }),
    { numRuns: 150 },
  );
});
