import { describe, expect, it } from 'vitest';
import { cardCsvRows, draftFromValues, draftsFromCsv, draftsFromVcard, mapHeader } from './cards';

describe('import column names', () => {
  it.each([
    ['公司名称', 'company'],
    ['客户名称', 'company'],
    ['Company Name', 'company'],
    ['联系人', 'contact'],
    ['Contact Name', 'contact'],
    ['手机', 'phones'],
    ['联系电话', 'phones'],
    ['E-mail', 'emails'],
    ['邮箱', 'emails'],
    ['网址', 'website'],
    ['备注', 'notes'],
    ['company phone', 'companyPhones'],
    ['favourite colour', undefined],
  ])('%s → %s', (header, field) => {
    expect(mapHeader(header)).toBe(field);
  });
});

describe('rows to cards', () => {
  it('normalises emails, phones and domains, and takes the company domain from a work address', () => {
    const result = draftFromValues(2, {
      company: '深圳市腾达科技有限公司',
      contact: '张三',
      phones: '0755-8888 6666 转 801',
      emails: 'ZhangSan@Tengda.com.cn',
    });
    expect(result).toEqual({
      ok: true,
      draft: {
        line: 2,
        account: { name: '深圳市腾达科技有限公司', kind: 'business', domains: ['tengda.com.cn'] },
        contact: { name: '张三', emails: ['zhangsan@tengda.com.cn'], phones: ['+8675588886666;ext=801'] },
      },
    });
  });

  it('makes an individual buyer’s card from a row without a company; a free mailbox gives no domain', () => {
    const result = draftFromValues(3, { contact: 'Solo Buyer', emails: 'solo@gmail.com' });
    expect(result).toMatchObject({ ok: true, draft: { account: { name: 'Solo Buyer', kind: 'individual' } } });
    expect(result.ok && result.draft.account.domains).toBeUndefined();
  });

  it.each([
    [{ contact: '赵六', emails: 'not-an-email' }, 'emails.0: must be an email address'],
    [{ title: 'CEO' }, 'company: a row needs a company or a contact name'],
    [{ company: 'x'.repeat(301) }, 'name: must be at most 300 characters'],
    [{ company: 'A', status: 'maybe' }, 'status'],
  ])('reports a bad row %j with the field', (values, message) => {
    const result = draftFromValues(7, values);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBe(7);
      expect(result.message).toContain(message);
    }
  });

  it('numbers CSV lines from the header and skips blank rows', () => {
    const drafts = draftsFromCsv([
      ['公司名称', '联系人'],
      ['腾达', '张三'],
      ['', ''],
      ['', ''],
    ]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ ok: true, draft: { line: 2 } });
  });

  it('reads vCard 3 and 4', () => {
    const drafts = draftsFromVcard(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陈七\r\nORG:广州白云贸易有限公司;销售部\r\nTEL;TYPE=CELL:+86 137 0013 7000\r\nEMAIL:chenqi@baiyun-trade.cn\r\nEND:VCARD\r\n' +
        'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Maria Rossi\r\nORG:Rossi S.p.A.\r\nTEL;VALUE=uri:tel:+39-02-1234567\r\nEND:VCARD\r\n',
    );
    expect(drafts.map((d) => d.ok && [d.draft.account.name, d.draft.contact?.name, d.draft.contact?.phones])).toEqual([
      ['广州白云贸易有限公司', '陈七', ['+8613700137000']],
      ['Rossi S.p.A.', 'Maria Rossi', ['+39021234567']],
    ]);
  });

  it('writes rows that read back as the same card', () => {
    const account = { name: '杭州云栖网络有限公司', kind: 'business', domains: ['yunqi.cn'], tags: ['展会', 'KA'] };
    const contacts = [{ name: '王五', emails: ['wangwu@yunqi.cn'], phones: ['+8657188886666;ext=801'] }];
    const [header, ...rows] = [
      [
        'company',
        'kind',
        'category',
        'status',
        'source',
        'industry',
        'region',
        'address',
        'website',
        'domains',
        'company phone',
        'tags',
        'notes',
        'contact',
        'title',
        'emails',
        'phones',
        'buying role',
      ],
      ...cardCsvRows(account, contacts),
    ];
    const [draft] = draftsFromCsv([header as string[], ...rows]);
    expect(draft).toMatchObject({ ok: true, draft: { account, contact: contacts[0] } });
  });
});
