import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeAccount, makeCandidate, makeContact } from './fixtures';
import { matchCandidate } from './match-candidate';

const huawei = makeAccount({
  id: 'acc-huawei',
  name: '华为技术有限公司',
  domains: ['huawei.com'],
  phones: ['400-830-8300'],
});
const acme = makeAccount({
  id: 'acc-acme',
  name: 'Acme Co., Ltd.',
  website: 'https://www.acme.com/',
  phones: ['+1 415 555 2671'],
});
const tencent = makeAccount({ id: 'acc-tencent', name: '深圳市腾讯计算机系统有限公司', domains: ['tencent.com'] });
const zhangSan = makeContact({
  id: 'con-zhangsan',
  accountId: 'acc-huawei',
  name: '张三',
  emails: ['Zhang.San@huawei.com'],
  phones: ['+86 138 0013 8000'],
});
const liSi = makeContact({
  id: 'con-lisi',
  accountId: 'acc-acme',
  name: 'Li Si',
  emails: ['li.si@acme.com'],
  phones: ['+1 415 555 2671 ext. 204'],
});
const wangWu = makeContact({ id: 'con-wangwu', accountId: null, name: '王五', emails: ['wangwu@qq.com'], phones: [] });
const existing = { accounts: [huawei, acme, tencent], contacts: [zhangSan, liSi, wangWu] };

describe('matchCandidate', () => {
  test('same email (any case, mailto) merges into the contact and its account', () => {
    const result = matchCandidate(makeCandidate({ name: '张三', emails: ['mailto:ZHANG.SAN@HUAWEI.COM'] }), existing);
    expect(result.contact).toEqual({
      action: 'merge',
      match: {
        id: 'con-zhangsan',
        accountId: 'acc-huawei',
        reasons: [{ kind: 'email', value: 'zhang.san@huawei.com' }],
      },
    });
    expect(result.account).toEqual({
      action: 'merge',
      match: {
        id: 'acc-huawei',
        via: 'con-zhangsan',
        reasons: [
          { kind: 'domain', value: 'huawei.com' },
          { kind: 'email', value: 'zhang.san@huawei.com' },
        ],
      },
    });
  });

  test('googlemail.com is gmail.com', () => {
    const contact = makeContact({ id: 'c1', emails: ['someone@gmail.com'] });
    const result = matchCandidate(makeCandidate({ emails: ['Someone@googlemail.com'] }), {
      accounts: [],
      contacts: [contact],
    });
    expect(result.contact).toMatchObject({ action: 'merge', match: { id: 'c1' } });
  });

  test.each([['138 0013 8000'], ['+86 138-0013-8000'], ['＋８６ １３８００１３８０００'], ['(86) 13800138000']])(
    'same mobile written as %s merges by phone',
    (phone) => {
      const result = matchCandidate(makeCandidate({ name: 'Zhang San', phones: [phone] }), existing);
      expect(result.contact).toMatchObject({
        action: 'merge',
        match: { id: 'con-zhangsan', reasons: [{ kind: 'phone', value: '+8613800138000' }] },
      });
      expect(result.account).toMatchObject({ action: 'merge', match: { id: 'acc-huawei', via: 'con-zhangsan' } });
    },
  );

  test('one switchboard, another extension: a different person', () => {
    const result = matchCandidate(makeCandidate({ name: 'Bob', phones: ['+1 415 555 2671 x300'] }), existing);
    expect(result.contact).toEqual({ action: 'new' });
  });

  test('a 400 hotline never matches a person, but finds the company', () => {
    const result = matchCandidate(makeCandidate({ name: '赵六', phones: ['400-830-8300'] }), existing);
    expect(result.contact).toEqual({ action: 'new' });
    expect(result.account).toEqual({
      action: 'merge',
      match: { id: 'acc-huawei', via: null, reasons: [{ kind: 'phone', value: '+864008308300' }] },
    });
  });

  test('same registrable domain: new contact on the existing account', () => {
    const result = matchCandidate(makeCandidate({ name: 'Ann', emails: ['ann@sales.eu.acme.com'] }), existing);
    expect(result.contact).toEqual({ action: 'new' });
    expect(result.account).toEqual({
      action: 'merge',
      match: { id: 'acc-acme', via: null, reasons: [{ kind: 'domain', value: 'acme.com' }] },
    });
  });

  test('never by a free-mail domain', () => {
    const qqAccount = makeAccount({ id: 'acc-qq-shop', name: '某网店', domains: ['qq.com'] });
    const result = matchCandidate(makeCandidate({ name: '孙七', emails: ['sunqi@qq.com'] }), {
      accounts: [qqAccount],
      contacts: [wangWu],
    });
    expect(result.contact).toEqual({ action: 'new' });
    expect(result.account).toEqual({ action: 'none' });
  });

  test.each([
    ['華為技術有限公司', 'acc-huawei', '华为技术'],
    ['华为技术 股份有限公司', 'acc-huawei', '华为技术'],
    ['ACME CORPORATION', 'acc-acme', 'acme'],
    ['Acme Inc.', 'acc-acme', 'acme'],
  ])('company name %s matches %s', (org, id, key) => {
    const result = matchCandidate(makeCandidate({ name: 'X', org }), existing);
    expect(result.account).toEqual({
      action: 'merge',
      match: { id, via: null, reasons: [{ kind: 'company-name', value: key }] },
    });
  });

  test('an organisation clip has no contact; its website finds the account', () => {
    const result = matchCandidate(
      makeCandidate({ kind: 'organisation', name: 'Tencent', website: 'https://www.tencent.com/zh-cn/' }),
      existing,
    );
    expect(result.contact).toEqual({ action: 'none' });
    expect(result.account).toMatchObject({ action: 'merge', match: { id: 'acc-tencent' } });
  });

  test('a role address is no contact, and no contact match, but its domain finds the account', () => {
    const support = makeContact({ id: 'con-support', accountId: 'acc-acme', emails: ['support@acme.com'] });
    const result = matchCandidate(makeCandidate({ kind: 'role-address', emails: ['support@acme.com'] }), {
      accounts: [acme],
      contacts: [support],
    });
    expect(result.contact).toEqual({ action: 'none' });
    expect(result.account).toMatchObject({ action: 'merge', match: { id: 'acc-acme', via: null } });
  });

  test('a person on free mail with no company: new contact, no account named', () => {
    const result = matchCandidate(makeCandidate({ name: '周八', emails: ['zhouba@163.com'] }), existing);
    expect(result).toEqual({
      contact: { action: 'new' },
      account: { action: 'none' },
      others: { contacts: [], accounts: [] },
    });
  });

  test('a company nobody has yet: new contact, new account', () => {
    const result = matchCandidate(
      makeCandidate({ name: 'Kim', org: 'Initech LLC', emails: ['kim@initech.com'] }),
      existing,
    );
    expect(result.contact).toEqual({ action: 'new' });
    expect(result.account).toEqual({ action: 'new' });
  });

  test("the matched contact's account outranks another account matched by domain; the other is offered", () => {
    // Zhang San moved: the clip comes from his new employer's site, but his email is the old one.
    const result = matchCandidate(
      makeCandidate({ name: '张三', emails: ['zhang.san@huawei.com'], website: 'https://tencent.com' }),
      existing,
    );
    expect(result.account).toMatchObject({ action: 'merge', match: { id: 'acc-huawei' } });
    expect(result.others.accounts).toEqual([
      { id: 'acc-tencent', via: null, reasons: [{ kind: 'domain', value: 'tencent.com' }] },
    ]);
  });

  test('email beats phone when two contacts match; both are reported', () => {
    const other = makeContact({ id: 'con-a', accountId: null, phones: ['13800138000'] });
    const result = matchCandidate(makeCandidate({ emails: ['zhang.san@huawei.com'], phones: ['13800138000'] }), {
      accounts: [],
      contacts: [other, zhangSan],
    });
    expect(result.contact).toMatchObject({ action: 'merge', match: { id: 'con-zhangsan' } });
    expect(result.others.contacts.map((contact) => contact.id)).toEqual(['con-a']);
  });

  test("a contact's account is merged into even when it is not among the accounts given", () => {
    const result = matchCandidate(makeCandidate({ emails: ['zhang.san@huawei.com'] }), {
      accounts: [],
      contacts: [zhangSan],
    });
    expect(result.account).toEqual({
      action: 'merge',
      match: { id: 'acc-huawei', via: 'con-zhangsan', reasons: [{ kind: 'email', value: 'zhang.san@huawei.com' }] },
    });
  });

  test('the answer does not depend on the order of the existing cards', () => {
    const twins = [
      makeContact({ id: 'c2', phones: ['13800138000'] }),
      makeContact({ id: 'c1', phones: ['138 0013 8000'] }),
      zhangSan,
      liSi,
    ];
    const clip = makeCandidate({ phones: ['13800138000'], org: 'Acme Ltd' });
    const accounts = [huawei, acme, tencent, makeAccount({ id: 'acc-acme-2', name: 'ACME Inc' })];
    const expected = matchCandidate(clip, { accounts, contacts: twins });
    fc.assert(
      fc.property(
        fc.shuffledSubarray(twins, { minLength: 4 }),
        fc.shuffledSubarray(accounts, { minLength: 4 }),
        (c, a) => {
          expect(matchCandidate(clip, { accounts: a, contacts: c })).toEqual(expected);
        },
      ),
    );
  });

  test('every reason names a key both the clip and the card have', () => {
    const emails = ['a@acme.com', 'b@acme.com', 'c@qq.com', 'd@huawei.com'];
    const phones = ['13800138000', '13900139000', '0755-88886666', '400-830-8300'];
    const contactArb = fc.record({
      id: fc.constantFrom('k1', 'k2', 'k3'),
      emails: fc.subarray(emails),
      phones: fc.subarray(phones),
    });
    fc.assert(
      fc.property(fc.array(contactArb, { maxLength: 4 }), fc.subarray(emails), fc.subarray(phones), (cards, e, p) => {
        const contacts = cards.map((card, i) => makeContact({ ...card, id: `${card.id}-${i}` }));
        const result = matchCandidate(makeCandidate({ emails: e, phones: p }), { accounts: [], contacts });
        const matched = result.contact.action === 'merge' ? [result.contact.match, ...result.others.contacts] : [];
        for (const match of matched) {
          const card = contacts.find((contact) => contact.id === match.id);
          expect(card).toBeDefined();
          expect(match.reasons.length).toBeGreaterThan(0);
        }
        if (result.contact.action === 'new') expect(result.others.contacts).toEqual([]);
      }),
    );
  });
});
