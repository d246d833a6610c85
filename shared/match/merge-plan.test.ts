import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Candidate } from '../schema/candidate';
import { makeAccount, makeCandidate, makeContact } from './fixtures';
import { type FieldChange, mergePlan } from './merge-plan';
import type { MatchableAccount, MatchableContact } from './types';

describe('mergePlan: contact', () => {
  const card = makeContact({
    id: 'c1',
    accountId: 'a1',
    name: '張三',
    title: null,
    emails: ['zhang.san@huawei.com'],
    phones: ['+8613800138000'],
  });

  test('empty fields are filled, new emails and phones appended, the same values left alone', () => {
    const clip = makeCandidate({
      name: '张 三',
      title: '采购经理',
      emails: ['ZHANG.SAN@huawei.com', 'zs@qq.com'],
      phones: ['138 0013 8000', '0755-8888 6666 转 801'],
      evidence: { title: ['text'], emails: ['mailto', 'text'], phones: ['tel'] },
    });
    expect(mergePlan(clip, { contact: card }).contact).toEqual([
      { field: 'title', action: 'fill', value: '采购经理', evidence: ['text'] },
      { field: 'emails', action: 'append', values: ['zs@qq.com'], evidence: ['mailto', 'text'] },
      { field: 'phones', action: 'append', values: ['+8675588886666;ext=801'], evidence: ['tel'] },
    ]);
  });

  test('a differing name or title is a conflict for the rep, never an overwrite', () => {
    const withTitle = { ...card, title: 'Purchasing Manager' };
    const clip = makeCandidate({ name: '张山', title: 'Head of Purchasing', evidence: { name: ['json-ld'] } });
    expect(mergePlan(clip, { contact: withTitle }).contact).toEqual([
      { field: 'name', action: 'conflict', current: '張三', incoming: '张山', evidence: ['json-ld'] },
      {
        field: 'title',
        action: 'conflict',
        current: 'Purchasing Manager',
        incoming: 'Head of Purchasing',
        evidence: [],
      },
    ]);
  });

  test.each([
    ['PURCHASING  manager', 'Purchasing Manager'],
    ['Ｐｕｒｃｈａｓｉｎｇ Manager', 'Purchasing Manager'],
  ])('title %s equals %s: no conflict', (incoming, current) => {
    const plan = mergePlan(makeCandidate({ title: incoming }), { contact: { ...card, title: current } });
    expect(plan.contact).toEqual([]);
  });

  test('a hotline goes to the account, not the person', () => {
    const plan = mergePlan(makeCandidate({ phones: ['400-830-8300', '13900139000'] }), {
      contact: card,
      account: makeAccount({ id: 'a1' }),
    });
    expect(plan.contact).toContainEqual({
      field: 'phones',
      action: 'append',
      values: ['+8613900139000'],
      evidence: [],
    });
    expect(plan.account).toContainEqual({ field: 'phones', action: 'append', values: ['+864008308300'], evidence: [] });
  });

  test('unreadable emails and phones are left out', () => {
    const plan = mergePlan(makeCandidate({ emails: ['n/a'], phones: ['2024-01-15'] }), { contact: card });
    expect(plan.contact).toEqual([]);
  });

  test('an organisation clip plans no contact changes', () => {
    const plan = mergePlan(makeCandidate({ kind: 'organisation', name: 'Huawei', phones: ['13900139000'] }), {
      contact: card,
    });
    expect(plan.contact).toEqual([]);
  });
});

describe('mergePlan: account', () => {
  const account = makeAccount({
    id: 'a1',
    name: '华为技术有限公司',
    domains: ['huawei.com'],
    website: 'https://www.huawei.com/',
    address: null,
  });

  test('same company in another script, same site: nothing but the new address and domain', () => {
    const clip = makeCandidate({
      org: '華為技術有限公司',
      website: 'http://huawei.com/cn/',
      address: '深圳市龙岗区坂田华为基地',
      emails: ['zs@huawei.com', 'zs@vmall.com', 'x@gmail.com'],
      evidence: { address: ['text'], website: ['meta'], emails: ['mailto'] },
    });
    expect(mergePlan(clip, { account }).account).toEqual([
      { field: 'address', action: 'fill', value: '深圳市龙岗区坂田华为基地', evidence: ['text'] },
      { field: 'domains', action: 'append', values: ['vmall.com'], evidence: ['meta', 'mailto'] },
    ]);
  });

  test('another company name or website is a conflict', () => {
    const clip = makeCandidate({
      org: '荣耀终端有限公司',
      website: 'https://www.honor.com',
      evidence: { org: ['h-card'] },
    });
    expect(mergePlan(clip, { account }).account).toEqual([
      {
        field: 'name',
        action: 'conflict',
        current: '华为技术有限公司',
        incoming: '荣耀终端有限公司',
        evidence: ['h-card'],
      },
      {
        field: 'website',
        action: 'conflict',
        current: 'https://www.huawei.com/',
        incoming: 'https://www.honor.com',
        evidence: [],
      },
      { field: 'domains', action: 'append', values: ['honor.com'], evidence: [] },
    ]);
  });

  test("an organisation clip's name is the account's name; its phones are the account's", () => {
    const clip = makeCandidate({ kind: 'organisation', name: 'ＡＣＭＥ  Co., Ltd.', phones: ['+1 415 555 2671'] });
    expect(mergePlan(clip, { account: makeAccount({ id: 'a2' }) }).account).toEqual([
      { field: 'name', action: 'fill', value: 'ACME Co., Ltd.', evidence: [] },
      { field: 'phones', action: 'append', values: ['+14155552671'], evidence: [] },
    ]);
  });
});

/** What the rep's "save" does with a plan when every conflict keeps the card's value. */
function applyKeepingCurrent<T extends object>(record: T, changes: readonly FieldChange<string>[]): T {
  const next = { ...record } as Record<string, unknown>;
  for (const change of changes) {
    if (change.action === 'fill') next[change.field] = change.value;
    if (change.action === 'append') next[change.field] = [...(next[change.field] as string[]), ...change.values];
  }
  return next as unknown as T;
}

describe('mergePlan properties', () => {
  const text = fc.constantFrom(null, '张三', '張三', 'Zhang San', '采购经理', 'CTO', '华为技术有限公司', 'Acme Ltd');
  const candidateArb: fc.Arbitrary<Candidate> = fc.record({
    name: text,
    title: text,
    org: text,
    emails: fc.subarray(['a@acme.com', 'A@ACME.COM', 'b@qq.com', 'bad', 'c@huawei.com']),
    phones: fc.subarray(['13800138000', '+86 138 0013 8000', '400-830-8300', '0755-88886666 x8', 'n/a']),
    website: fc.constantFrom(null, 'https://acme.com', 'www.huawei.com'),
    address: fc.constantFrom(null, '深圳', 'Shenzhen'),
    kind: fc.constantFrom('person' as const, 'organisation' as const, 'role-address' as const),
    evidence: fc.constant({}),
  });
  const emptyContact: MatchableContact = makeContact({ id: 'c' });
  const emptyAccount: MatchableAccount = makeAccount({ id: 'a' });

  test('against an empty card every change is a fill or an append', () => {
    fc.assert(
      fc.property(candidateArb, (clip) => {
        const plan = mergePlan(clip, { contact: emptyContact, account: emptyAccount });
        for (const change of [...plan.contact, ...plan.account]) expect(change.action).not.toBe('conflict');
      }),
    );
  });

  test('merging the same clip again changes nothing more', () => {
    fc.assert(
      fc.property(candidateArb, candidateArb, (first, again) => {
        const once = mergePlan(first, { contact: emptyContact, account: emptyAccount });
        const contact = applyKeepingCurrent(emptyContact, once.contact);
        const account = applyKeepingCurrent(emptyAccount, once.account);
        const twice = mergePlan(first, { contact, account });
        expect([...twice.contact, ...twice.account]).toEqual([]);
        // A second, different clip may add or conflict, but only ever fills what is empty.
        const other = mergePlan(again, { contact, account });
        const emptyIn = (record: object, changes: readonly FieldChange<string>[]) => {
          for (const change of changes) {
            if (change.action === 'fill') expect((record as Record<string, unknown>)[change.field] ?? null).toBeNull();
          }
        };
        emptyIn(contact, other.contact);
        emptyIn(account, other.account);
      }),
    );
  });
});
