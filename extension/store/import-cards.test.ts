import { afterEach, describe, expect, it } from 'vitest';
import type { LeadcardDb } from './db';
import { exportCards, exportCsv, exportJson } from './export-cards';
import { applyImport, ImportStoppedError, previewImport } from './import-cards';
import { saveLocal } from './local-change';
import { newAccountFields, newContactFields } from './new-records';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
afterEach(() => db?.close());

const CSV = [
  '公司名称,联系人,职位,手机,邮箱,网址,备注',
  '深圳市腾达科技有限公司,张三,采购经理,138 0013 8000,ZhangSan@tengda.com.cn,https://www.tengda.com.cn,展会认识',
  '深圳市腾达科技有限公司,李四,技术总监,13900139000,lisi@tengda.com.cn,,',
  '坏数据公司,赵六,,,not-an-email,,',
].join('\n');

const VCF =
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陈七\r\nORG:广州白云贸易有限公司;销售部\r\nTEL;TYPE=CELL:+86 137 0013 7000\r\nEMAIL:chenqi@baiyun-trade.cn\r\nEND:VCARD\r\n';

describe('import into the store', () => {
  it('previews without writing, then writes every card with its outbox mutation', async () => {
    db = openTestDb();
    const env = testEnv();
    const plan = await previewImport(db, 'customers.csv', CSV);
    expect(plan.counts).toEqual({ new: 1, merge: 1, invalid: 1 });
    expect(await db.accounts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    expect(await applyImport(db, env, plan)).toEqual({ created: 1, merged: 1, unchanged: 0 });
    const [account] = await db.accounts.toArray();
    expect(account?.fields).toMatchObject({
      name: '深圳市腾达科技有限公司',
      domains: ['tengda.com.cn'],
      source: 'other',
      features: { notes: '展会认识' },
    });
    const contacts = await db.contacts
      .where('accountId')
      .equals(account?.id ?? '')
      .toArray();
    expect(contacts.map((c) => c.fields.name).sort()).toEqual(['张三', '李四']);
    // One mutation per record written: the account and its two contacts.
    expect((await db.outbox.toArray()).map((m) => m.entity).sort()).toEqual(['account', 'contact', 'contact']);
  });

  it('merges a re-import into the same cards, filling blanks only', async () => {
    db = openTestDb();
    const env = testEnv();
    const id = (
      await saveLocal(
        db,
        env,
        'account',
        null,
        newAccountFields({ name: '腾达科技', website: 'https://tengda.com.cn' }),
      )
    ).id;
    await saveLocal(db, env, 'contact', null, newContactFields({ accountId: id, name: '张三', title: '总经理' }));
    const plan = await previewImport(db, 'customers.csv', CSV);
    expect(plan.rows.map((r) => r.action)).toEqual(['merge', 'merge', 'invalid']);
    await applyImport(db, env, plan);
    expect(await db.accounts.count()).toBe(1);
    const zhang = (await db.contacts.toArray()).find((c) => c.fields.name === '张三');
    // The card's title stays; the list's phone and email are added.
    expect(zhang?.fields).toMatchObject({
      title: '总经理',
      emails: ['zhangsan@tengda.com.cn'],
      phones: ['+8613800138000'],
    });
    const again = await previewImport(db, 'customers.csv', CSV);
    expect(await applyImport(db, env, again)).toEqual({ created: 0, merged: 0, unchanged: 2 });
  });

  it.each([
    ['contacts.vcf', VCF, { new: 1, merge: 0, invalid: 0 }],
    ['notes.txt', 'hello', { new: 0, merge: 0, invalid: 1 }],
    ['broken.csv', 'company,contact\n"unterminated,x', { new: 0, merge: 0, invalid: 1 }],
  ])('reads %s', async (name, text, counts) => {
    db = openTestDb();
    expect((await previewImport(db, name, text)).counts).toEqual(counts);
  });

  it('exports everything as JSON and as CSV that imports back to the same cards', async () => {
    db = openTestDb();
    const env = testEnv();
    await applyImport(db, env, await previewImport(db, 'customers.csv', CSV));
    await applyImport(db, env, await previewImport(db, 'contacts.vcf', VCF));
    const cards = await exportCards(db);
    const json = JSON.parse(exportJson(cards, '2026-11-22T09:00:00.000Z'));
    expect(json.exportedAt).toBe('2026-11-22T09:00:00.000Z');
    expect(json.accounts.map((a: { name: string }) => a.name).sort()).toEqual([
      '广州白云贸易有限公司',
      '深圳市腾达科技有限公司',
    ]);
    const csv = exportCsv(cards);
    const copy = openTestDb('copy');
    const plan = await previewImport(copy, 'cards.csv', csv);
    expect(plan.counts).toEqual({ new: 2, merge: 1, invalid: 0 });
    await applyImport(copy, env, plan);
    expect(
      exportCsv(await exportCards(copy))
        .split('\n')
        .sort(),
    ).toEqual(csv.split('\n').sort());
    copy.close();
  });
  it('writes a large file a batch per transaction: a failing row rolls back its whole batch and names its line', async () => {
    db = openTestDb();
    const env = testEnv();
    // 1,200 rows, two contacts per company (the second merges into the card of the first): three batches of 500.
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const c = Math.floor(i / 2);
      return `腾达${c}科技有限公司,张${i}三,采购经理,1380${String(i).padStart(7, '0')},zhang${i}@tengda${c}.com.cn,https://www.tengda${c}.com.cn,`;
    });
    const plan = await previewImport(db, 'big.csv', [CSV.split('\n')[0], ...rows].join('\n'));
    expect(plan.counts).toEqual({ new: 600, merge: 600, invalid: 0 });
    // A row that passed the preview but that the store refuses (line 702, in the second batch: lines 502–1001).
    const bad = plan.rows.find((r) => r.line === 702);
    if (!bad || bad.action === 'invalid') throw new Error('line 702 should be writable');
    bad.draft.contact = { ...bad.draft.contact, emails: ['not-an-email'] };
    const stopped = await applyImport(db, env, plan).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(ImportStoppedError);
    expect(stopped).toMatchObject({
      line: 702,
      imported: { created: 250, merged: 250, unchanged: 0 },
      firstLineNotImported: 502,
    });
    expect((stopped as ImportStoppedError).reason).toMatch(/^emails\.0: /);
    // The first batch is stored with its outbox mutations; nothing of the second.
    expect(await db.accounts.count()).toBe(250);
    expect(await db.contacts.count()).toBe(500);
    expect(await db.outbox.count()).toBe(750);
    expect(await db.contacts.where('emails').equals('zhang500@tengda250.com.cn').count()).toBe(0);

    // Fixed and imported again: the first batch's rows are unchanged, the rest is written.
    bad.draft.contact = { ...bad.draft.contact, emails: ['zhang700@tengda350.com.cn'] };
    const again = await previewImport(db, 'big.csv', [CSV.split('\n')[0], ...rows].join('\n'));
    expect(await applyImport(db, env, again)).toEqual({ created: 350, merged: 350, unchanged: 500 });
    expect(await db.accounts.count()).toBe(600);
    expect(await db.contacts.count()).toBe(1200);
  }, 120_000);
});
