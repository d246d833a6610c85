import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCandidate } from '../match/match-candidate';
import type { MatchableAccount, MatchableContact } from '../match/types';
import type { PhoneOptions } from '../normalise/phone';
import { type DraftResult, draftsFromCsv } from './card-draft';
import { draftCandidate, type ImportPlan, type PlannedRow, planImport, provisionalId } from './import-plan';

/**
 * The planner as it was before matching was keyed (H10): every row matched against every card and every row before
 * it. Kept as the reference the keyed planner must agree with row for row.
 */
function referencePlan(
  results: readonly DraftResult[],
  existing: { accounts: readonly MatchableAccount[]; contacts: readonly MatchableContact[] },
  options: PhoneOptions = {},
): ImportPlan {
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  const accounts = [...existing.accounts];
  const contacts = [...existing.contacts];
  const rows: PlannedRow[] = [];
  for (const result of results) {
    if (!result.ok) {
      rows.push({ line: result.line, action: 'invalid', message: result.message });
      continue;
    }
    const { draft } = result;
    const contact = draft.contact
      ? (accountId: string, id: string): MatchableContact => ({
          id,
          accountId,
          name: stringOrNull(draft.contact?.name),
          title: stringOrNull(draft.contact?.title),
          emails: strings(draft.contact?.emails),
          phones: strings(draft.contact?.phones),
        })
      : null;
    const match = matchCandidate(draftCandidate(draft), { accounts, contacts }, options);
    if (match.account.action === 'merge') {
      const accountId = match.account.match.id;
      const contactId =
        match.contact.action === 'merge' && match.contact.match.accountId === accountId ? match.contact.match.id : null;
      rows.push({
        line: draft.line,
        action: 'merge',
        draft,
        accountId,
        contactId,
        reasons: match.account.match.reasons,
      });
      if (contact && contactId === null) contacts.push(contact(accountId, `${provisionalId(draft.line)}/contact`));
      continue;
    }
    const ref = provisionalId(draft.line);
    rows.push({ line: draft.line, action: 'new', draft, ref });
    accounts.push({
      id: ref,
      name: stringOrNull(draft.account.name),
      domains: strings(draft.account.domains),
      phones: strings(draft.account.phones),
      website: stringOrNull(draft.account.website),
      address: stringOrNull(draft.account.address),
    });
    if (contact) contacts.push(contact(ref, `${ref}/contact`));
  }
  const count = (action: PlannedRow['action']) => rows.filter((row) => row.action === action).length;
  return { rows, counts: { new: count('new'), merge: count('merge'), invalid: count('invalid') } };
}

// Few values each, so rows collide often: one company in traditional and simplified Chinese and with a legal
// suffix, one mobile in three formats, one email in two cases, free-mail addresses of different people, a hotline
// shared by companies, role addresses, a name too short to key, and a bad email that makes a row invalid.
const company = fc.constantFrom(
  '腾达科技有限公司',
  '騰達科技',
  '深圳腾达科技',
  'Acme Trading GmbH',
  'ACME Trading',
  '华',
  '',
);
const person = fc.constantFrom('张三', '張三', 'Anna Schmidt', 'Li Si', '');
const email = fc.constantFrom(
  'zhang@tengda.com.cn',
  'ZHANG@Tengda.com.cn',
  'li@tengda.com.cn',
  'anna@acme.de',
  'Anna@ACME.de',
  'sales@acme.de',
  'solo@gmail.com',
  'other@gmail.com',
  'wang@qq.com',
  'not-an-email',
  '',
);
const phone = fc.constantFrom(
  '13800138000',
  '+86 138 0013 8000',
  '138-0013-8000',
  '13900139000',
  '0755-8888 6666',
  '+86 755 8888 6666',
  '400-830-8300',
  '+49 30 1234567',
  '',
);
const website = fc.constantFrom('https://www.tengda.com.cn', 'tengda.com.cn', 'acme.de', 'www.gmail.com', '');
const row = fc.tuple(company, person, phone, phone, email, website);
const HEADER = ['company', 'contact', 'phone', 'companyphone', 'email', 'website'];

const accountCard = fc.record({
  name: fc.option(
    company.filter((c) => c !== ''),
    { nil: null },
  ),
  domains: fc.array(
    website.filter((w) => w !== ''),
    { maxLength: 2 },
  ),
  phones: fc.array(
    phone.filter((p) => p !== ''),
    { maxLength: 2 },
  ),
});
const contactCard = fc.record({
  name: fc.option(person, { nil: null }),
  emails: fc.array(
    email.filter((e) => e !== '' && e !== 'not-an-email'),
    { maxLength: 2 },
  ),
  phones: fc.array(
    phone.filter((p) => p !== ''),
    { maxLength: 2 },
  ),
  account: fc.nat(),
});
/** Existing cards with ids out of order (ties go to the lower id) and contacts of accounts not passed in. */
const existingCards = fc
  .tuple(fc.array(accountCard, { maxLength: 5 }), fc.array(contactCard, { maxLength: 6 }), fc.nat())
  .map(([accounts, contacts, shift]) => {
    const withIds: MatchableAccount[] = accounts.map((a, i) => ({ id: `acc-${(i * 7 + shift) % 10}${i}`, ...a }));
    return {
      accounts: withIds,
      contacts: contacts.map(({ account, ...c }, i): MatchableContact => {
        const owner = account % (withIds.length + 1);
        return {
          id: `con-${(i * 3 + shift) % 10}${i}`,
          accountId: withIds[owner]?.id ?? `gone-${owner}`,
          title: null,
          ...c,
        };
      }),
    };
  });

describe('planImport keyed by normalised email, phone, domain and company name', () => {
  it('plans every row exactly as matching against every card and earlier row did', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 14 }), existingCards, fc.boolean(), (rows, existing, germany) => {
        const drafts = draftsFromCsv([HEADER, ...rows]);
        const options: PhoneOptions = germany ? { defaultRegion: 'DE' } : {};
        expect(planImport(drafts, existing, options)).toEqual(referencePlan(drafts, existing, options));
      }),
      { numRuns: 400 },
    );
  });

  it('the collisions above do happen: rows merge by each kind of key', () => {
    const drafts = draftsFromCsv([
      HEADER,
      ['騰達科技', '张三', '13800138000', '', 'ZHANG@Tengda.com.cn', ''],
      ['腾达科技有限公司', '張三', '+86 138 0013 8000', '', '', ''],
      ['', 'Li Si', '', '', 'li@tengda.com.cn', ''],
      ['ACME Trading', 'Anna Schmidt', '', '400-830-8300', 'solo@gmail.com', ''],
      ['', 'Solo', '', '', 'other@gmail.com', ''],
    ]);
    const plan = planImport(drafts, { accounts: [], contacts: [] });
    expect(plan).toEqual(referencePlan(drafts, { accounts: [], contacts: [] }));
    expect(plan.rows.map((r) => (r.action === 'merge' ? r.reasons.map((reason) => reason.kind) : r.action))).toEqual([
      'new',
      ['company-name', 'phone'],
      ['domain'],
      'new',
      'new',
    ]);
  });
});
