import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardIndex } from './card-index';
import { makeAccount, makeCandidate, makeContact } from './fixtures';
import { matchCandidate } from './match-candidate';

// Few values each so cards and clips collide: one email in two cases, one mobile in three formats, a hotline, a
// company in traditional and simplified Chinese, free-mail and role addresses, a name too short to key.
const email = fc.constantFrom('zhang@huawei.com', 'Zhang@HUAWEI.com', 'li@huawei.com', 'sales@huawei.com', 'a@qq.com');
const phone = fc.constantFrom('13800138000', '+86 138 0013 8000', '138-0013-8000', '0755-2878 0808', '400-830-8300');
const company = fc.constantFrom('华为技术有限公司', '華為技術', 'Huawei Technologies Co., Ltd.', '华', 'Acme');
const site = fc.constantFrom('https://www.huawei.com/', 'huawei.com', 'mail.qq.com', 'acme.com');
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');

const account = fc
  .record({
    id,
    name: fc.option(company, { nil: null }),
    domains: fc.array(site, { maxLength: 2 }),
    phones: fc.array(phone, { maxLength: 2 }),
  })
  .map(makeAccount);
const contact = fc
  .record({
    id,
    accountId: fc.option(id, { nil: null }),
    emails: fc.array(email, { maxLength: 2 }),
    phones: fc.array(phone, { maxLength: 2 }),
  })
  .map(makeContact);
const candidate = fc
  .record({
    org: fc.option(company, { nil: null }),
    emails: fc.array(email, { maxLength: 2 }),
    phones: fc.array(phone, { maxLength: 2 }),
    website: fc.option(site, { nil: null }),
    kind: fc.constantFrom('person' as const, 'organisation' as const),
  })
  .map(makeCandidate);

describe('cardIndex', () => {
  it('matches a clip exactly as matchCandidate over all its cards, others and ties included', () => {
    fc.assert(
      fc.property(
        fc.array(account, { maxLength: 6 }),
        fc.array(contact, { maxLength: 6 }),
        candidate,
        (accounts, contacts, clip) => {
          const index = cardIndex({ accounts, contacts });
          expect(index.match(clip)).toEqual(matchCandidate(clip, { accounts, contacts }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands matchCandidate only the cards sharing a key, in the order they were added', () => {
    const huawei = makeAccount({ id: 'h', name: '華為技術', domains: ['huawei.com'] });
    const acme = makeAccount({ id: 'x', name: 'Acme', phones: ['400-830-8300'] });
    const zhang = makeContact({ id: 'z', emails: ['Zhang@HUAWEI.com'], phones: ['400-830-8300'] });
    const index = cardIndex({ accounts: [huawei, acme], contacts: [zhang] });
    const late = makeAccount({ id: 'a', website: 'https://www.huawei.com/' });
    index.addAccount(late);
    expect(index.sharingKeys(makeCandidate({ org: '华为技术有限公司', phones: ['400-830-8300'] }))).toEqual({
      accounts: [huawei, acme],
      contacts: [],
    });
    expect(index.sharingKeys(makeCandidate({ emails: ['zhang@huawei.com'] }))).toEqual({
      accounts: [huawei, late],
      contacts: [zhang],
    });
  });
});
