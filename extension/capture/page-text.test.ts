import { expect, test } from 'vitest';
import { htmlDocument } from './html-document';
import { pageText } from './page-text';

test('blocks become lines, cells tab-separated, hidden and script text left out', () => {
  const doc = htmlDocument(`<div>联系人：<b>张三</b></div><table><tr><th>电话</th><td> 0755-1234 5678 </td></tr></table>
    <script>var a = '联系人：假'</script><style>p{}</style><template><p>模板</p></template>
    <p hidden>隐藏</p><p style="display: none">也隐藏</p><p aria-hidden="true">读屏隐藏</p>a<br>b`);
  expect(pageText(doc.body)).toBe('联系人：张三\n\n电话\t0755-1234 5678\n\na\nb');
});

test('bounded by characters and nodes', () => {
  const doc = htmlDocument(`<p>${'x'.repeat(5000)}</p><p>tail</p>`);
  expect(pageText(doc.body, { maxChars: 100 }).length).toBeLessThanOrEqual(100);
  expect(pageText(doc.body, { maxNodes: 3 })).not.toContain('tail');
});
