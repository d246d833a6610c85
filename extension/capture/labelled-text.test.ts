import { describe, expect, test } from 'vitest';
import { candidatesFromText } from './labelled-text';

describe('candidatesFromText (no DOM: signatures and selections)', () => {
  test.each([
    [
      '张伟\n销售总监 | 深圳恒泰科技有限公司\n手机：138 0013 8000\n电话：0755-8888 6666 转 801\n传真：0755-8888 6667\n邮箱：zhangwei@hengtai.cn',
      {
        name: '张伟',
        title: '销售总监',
        org: '深圳恒泰科技有限公司',
        emails: ['zhangwei@hengtai.cn'],
        phones: ['+8613800138000', '+8675588886666;ext=801'],
      },
    ],
    [
      'John Smith\nSales Director\nAcme Corp.\nT: +1 415 555 0100\nE: john.smith@acme.com\nwww.acme.com',
      {
        name: 'John Smith',
        title: 'Sales Director',
        org: 'Acme Corp.',
        phones: ['+14155550100'],
        website: 'http://www.acme.com/',
      },
    ],
    [
      '联系人：王芳　电话：021-6123 4567　邮箱：wangfang#example.cn（请将#换成@）',
      { name: '王芳', phones: ['+862161234567'], emails: ['wangfang@example.cn'] },
    ],
    [
      'Name：李雷\nMobile：+86 139 0013 9000\nEmail: li.lei [at] example [dot] com',
      { name: '李雷', phones: ['+8613900139000'], emails: ['li.lei@example.com'] },
    ],
    [
      'Best regards,\nJane Doe | Head of Procurement | Globex Inc.\nPhone: (415) 555-0132',
      { name: 'Jane Doe', title: 'Head of Procurement', org: 'Globex Inc.' },
    ],
  ])('%s', (text, expected) => {
    const [first] = candidatesFromText(text, { defaultRegion: text.includes('415') ? 'US' : 'CN' });
    expect(first).toMatchObject({ kind: 'person', ...expected });
  });

  test('a column table gives one person per row', () => {
    const people = candidatesFromText('姓名\t职位\t电话\n张三\t经理\t13800138000\n李四\t总监\t13900139000');
    expect(people.map((p) => [p.name, p.title, p.phones[0]])).toEqual([
      ['张三', '经理', '+8613800138000'],
      ['李四', '总监', '+8613900139000'],
    ]);
  });

  test.each([
    ['邮编：518057'],
    ['京ICP备12345678号'],
    ['传真：0755-8888 6667'],
    ['订单号：202403158866001234'],
    ['日期：2024-01-15'],
  ])('%s gives no phone', (line) => {
    expect(candidatesFromText(`联系人：张三\n${line}`).flatMap((c) => c.phones)).toEqual([]);
  });

  test('the evidence source can be stamped, e.g. `signature` for a mail signature block', () => {
    const [c] = candidatesFromText('李雷\n手机：13900139000', { evidence: 'signature' });
    expect(c?.evidence).toEqual({ name: ['signature'], phones: ['signature'] });
  });

  test('role mailboxes become role-address candidates', () => {
    const found = candidatesFromText('联系人：张三\n邮箱：zhangsan@acme.cn\n客服邮箱：service@acme.cn');
    expect(found.map((c) => [c.kind, c.emails])).toEqual([
      ['person', ['zhangsan@acme.cn']],
      ['role-address', ['service@acme.cn']],
    ]);
  });
});
