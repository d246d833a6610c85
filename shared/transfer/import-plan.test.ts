import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchableAccount, MatchableContact } from '../match/types';
import { draftsFromCsv } from './card-draft';
import { csvRecords, csvText } from './csv-text';
import { fillBlanks, planImport, provisionalId } from './import-plan';

const ZH = [
  '\uFEFF公司名称,联系人,职位,手机,邮箱,网址',
  '深圳市腾达科技有限公司,张三,采购经理,138 0013 8000,ZhangSan@tengda.com.cn,https://www.tengda.com.cn',
  '深圳市腾达科技有限公司,李四,技术总监,13900139000,lisi@tengda.com.cn,',
  '杭州云栖网络有限公司,王五,CEO,0571-8888 6666 转 801,wangwu@yunqi.cn,yunqi.cn',
  '坏数据公司,赵六,,,not-an-email,',
].join('\r\n');

const tengda: MatchableAccount = { id: 'acc-1', name: '腾达科技（深圳）', domains: ['tengda.com.cn'], phones: [] };
const zhang: MatchableContact = {
  id: 'con-1',
  accountId: 'acc-1',
  name: '张三',
  title: null,
  emails: ['zhangsan@tengda.com.cn'],
  phones: [],
};

describe('planImport', () => {
  it('says new, merge (into an earlier row) and invalid with the line, before anything is written', () => {
    const plan = planImport(draftsFromCsv(csvRecords(ZH)), { accounts: [], contacts: [] });
    expect(plan.counts).toEqual({ new: 2, merge: 1, invalid: 1 });
    expect(plan.rows.map((r) => [r.line, r.action])).toEqual([
      [2, 'new'],
      [3, 'merge'],
      [4, 'new'],
      [5, 'invalid'],
    ]);
    expect(plan.rows[1]).toMatchObject({ accountId: provisionalId(2), contactId: null });
    expect(plan.rows[3]).toMatchObject({ message: 'emails.0: must be an email address' });
  });

  it.each([
    ['the domain of the work address', { accounts: [tengda], contacts: [] }, 'acc-1', null],
    ['the contact’s email', { accounts: [], contacts: [zhang] }, 'acc-1', 'con-1'],
    ['both', { accounts: [tengda], contacts: [zhang] }, 'acc-1', 'con-1'],
  ])('merges a row into an existing card found by %s', (_, existing, accountId, contactId) => {
    const [row] = planImport(draftsFromCsv(csvRecords(ZH)).slice(0, 1), existing).rows;
    expect(row).toMatchObject({ action: 'merge', accountId, contactId });
  });

  it('a company with the same name after folding (legal suffix, width) is the same card', () => {
    const existing = { accounts: [{ id: 'a', name: '杭州云栖网络', domains: [], phones: [] }], contacts: [] };
    const rows = draftsFromCsv([['公司名称'], ['杭州云栖网络有限公司']]);
    expect(planImport(rows, existing).rows[0]).toMatchObject({ action: 'merge', accountId: 'a' });
  });

  it('a second plan over the cards the first made has nothing new (a re-import never duplicates)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            company: fc.constantFrom('腾达科技有限公司', 'Acme Trading GmbH', '云栖网络', ''),
            person: fc.constantFrom('张三', 'Anna Schmidt', 'Solo'),
            email: fc.constantFrom('a@tengda.com.cn', 'anna@acme.de', 'solo@gmail.com', ''),
          }),
          { maxLength: 8 },
        ),
        (people) => {
          const rows = [['company', 'contact', 'email'], ...people.map((p) => [p.company, p.person, p.email])];
          const first = planImport(draftsFromCsv(rows), { accounts: [], contacts: [] });
          const accounts: MatchableAccount[] = [];
          const contacts: MatchableContact[] = [];
          for (const row of first.rows) {
            if (row.action === 'invalid') continue;
            const id = row.action === 'new' ? row.ref : row.accountId;
            const { account, contact } = row.draft;
            if (row.action === 'new')
              accounts.push({
                id,
                name: String(account.name),
                domains: (account.domains as string[]) ?? [],
                phones: [],
              });
            if (contact)
              contacts.push({
                id: `${id}/${row.line}`,
                accountId: id,
                name: String(contact.name),
                title: null,
                emails: (contact.emails as string[]) ?? [],
                phones: [],
              });
          }
          // Individuals without an email or a company name have nothing to match by: only those may come back new.
          const unmatchable = first.rows.filter(
            (r) => r.action !== 'invalid' && r.draft.account.kind === 'individual' && !r.draft.contact?.emails,
          ).length;
          expect(planImport(draftsFromCsv(rows), { accounts, contacts }).counts.new).toBeLessThanOrEqual(unmatchable);
        },
      ),
    );
  });
});

describe('fillBlanks', () => {
  it.each([
    [{ website: 'a.cn' }, { website: 'b.cn' }, {}],
    [{ website: '' }, { website: 'b.cn' }, { website: 'b.cn' }],
    [{ tags: ['KA'] }, { tags: ['KA', '展会'] }, { tags: ['KA', '展会'] }],
    [{}, { industry: '制造业' }, { industry: '制造业' }],
    [{ title: null }, { title: 'CEO' }, { title: 'CEO' }],
  ])('%j + %j → %j (never overwrites)', (existing, incoming, patch) => {
    expect(fillBlanks(existing, incoming)).toEqual(patch);
  });
});

describe('CSV text', () => {
  it('reads quoted fields, doubled quotes, line breaks in quotes and a BOM', () => {
    expect(csvRecords('\uFEFFa,"b, c","say ""hi""","two\nlines"\r\n\r\nx,y,z,w\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  it('writes what it reads back unchanged', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\n', ' ', ';', '，') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]?.length ?? 2;
        const square = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'x'));
        // A row of empty cells is a blank line, which a reader skips.
        const kept = square.filter((r) => r.some((c) => c !== ''));
        expect(csvRecords(csvText(kept))).toEqual(kept);
      }),
    );
  });
});
