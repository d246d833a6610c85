import { expect, test } from 'vitest';
import { extractLinkedPage } from './extract-linked-page';
import { htmlDocument } from './html-document';

test('a person on the page and the same person in the linked vCard merge into one candidate', async () => {
  const doc = htmlDocument('<p>联系人：周敏</p><p>邮箱：zhoumin@acme.cn</p><a href="/card/zhoumin.vcf">下载名片</a>');
  const vcard =
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周敏\r\nTITLE:采购经理\r\nEMAIL:zhoumin@acme.cn\r\nTEL;TYPE=CELL:13800138000\r\nEND:VCARD\r\n';
  const result = await extractLinkedPage(doc, 'https://www.acme.cn/contact', {
    fetchText: async (url) => {
      expect(url).toBe('https://www.acme.cn/card/zhoumin.vcf');
      return vcard;
    },
  });
  expect(result.contacts).toHaveLength(1);
  expect(result.contacts[0]).toMatchObject({
    name: '周敏',
    title: '采购经理',
    emails: ['zhoumin@acme.cn'],
    phones: ['+8613800138000'],
    evidence: { name: ['vcard', 'text'], title: ['vcard'], emails: ['vcard', 'text'], phones: ['vcard'] },
  });
});
