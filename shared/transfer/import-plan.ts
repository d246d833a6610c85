import { cardIndex } from '../match/card-index';
import type { MatchableAccount, MatchableContact, MatchReason } from '../match/types';
import type { PhoneOptions } from '../normalise/phone';
import type { Candidate } from '../schema/candidate';
import type { CardDraft, DraftResult } from './card-draft';

/**
 * What importing one row will do, decided before anything is written. `new`: a new card (`ref` names it, so a
 * later row of the same file can merge into it). `merge`: into the card `accountId` (maybe a `ref` of an earlier
 * row), and into its contact `contactId` or, when null, as a new contact there; `reasons` say which keys matched.
 * `invalid`: the row cannot be read, `message` names the field.
 */
export type PlannedRow =
  | { line: number; action: 'new'; draft: CardDraft; ref: string }
  | {
      line: number;
      action: 'merge';
      draft: CardDraft;
      accountId: string;
      contactId: string | null;
      reasons: MatchReason[];
    }
  | { line: number; action: 'invalid'; message: string };

export interface ImportPlan {
  rows: PlannedRow[];
  counts: { new: number; merge: number; invalid: number };
}

/** The id a `new` row's card goes by until it is written: `new:5` for line 5. */
export const provisionalId = (line: number): string => `new:${line}`;
export const isProvisional = (id: string): boolean => id.startsWith('new:');

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A draft as the matcher sees a clip: a person when the row names one, else the organisation itself. */
export function draftCandidate(draft: CardDraft): Candidate {
  const { account, contact } = draft;
  const company = account.kind === 'individual' ? null : stringOrNull(account.name);
  const website = stringOrNull(account.website) ?? strings(account.domains)[0] ?? null;
  return {
    name: stringOrNull(contact?.name) ?? stringOrNull(account.name),
    title: stringOrNull(contact?.title),
    org: company,
    emails: strings(contact?.emails),
    phones: [...strings(contact?.phones), ...strings(account.phones)],
    website,
    address: stringOrNull(account.address),
    kind: contact ? 'person' : 'organisation',
    evidence: {},
  };
}

/** The card a `new` row will make, as the matcher sees existing cards. */
function draftMatchables(
  draft: CardDraft,
  accountId: string,
): { account: MatchableAccount; contact: MatchableContact | null } {
  const { account, contact } = draft;
  return {
    account: {
      id: accountId,
      name: stringOrNull(account.name),
      domains: strings(account.domains),
      phones: strings(account.phones),
      website: stringOrNull(account.website),
      address: stringOrNull(account.address),
    },
    contact: contact
      ? {
          id: `${accountId}/contact`,
          accountId,
          name: stringOrNull(contact.name),
          title: stringOrNull(contact.title),
          emails: strings(contact.emails),
          phones: strings(contact.phones),
        }
      : null,
  };
}

/**
 * Plans an import (DESIGN §3: nothing silently duplicated): each readable row is matched with shared/match
 * against the existing cards and the rows before it, so a re-import merges instead of duplicating and two rows of
 * one company make one card. `existing` needs only the cards that share a key with some row.
 *
 * @example planImport(draftsFromCsv(csvRecords(text)), { accounts, contacts }).counts // { new: 2, merge: 1, invalid: 1 }
 */
export function planImport(
  results: readonly DraftResult[],
  existing: { accounts: readonly MatchableAccount[]; contacts: readonly MatchableContact[] },
  options: PhoneOptions = {},
): ImportPlan {
  // Keyed, so each row is matched against only the cards and earlier rows sharing a key with it (not all of them).
  const cards = cardIndex(existing, options);
  const rows: PlannedRow[] = [];
  for (const result of results) {
    if (!result.ok) {
      rows.push({ line: result.line, action: 'invalid', message: result.message });
      continue;
    }
    const { draft } = result;
    const match = cards.match(draftCandidate(draft));
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
      const added = draftMatchables(draft, accountId).contact;
      if (added && contactId === null) cards.addContact({ ...added, id: `${provisionalId(draft.line)}/contact` });
      continue;
    }
    const ref = provisionalId(draft.line);
    rows.push({ line: draft.line, action: 'new', draft, ref });
    const made = draftMatchables(draft, ref);
    cards.addAccount(made.account);
    if (made.contact) cards.addContact(made.contact);
  }
  const count = (action: PlannedRow['action']) => rows.filter((row) => row.action === action).length;
  return { rows, counts: { new: count('new'), merge: count('merge'), invalid: count('invalid') } };
}

/**
 * Values of `incoming` that fill a blank of `existing` or add to one of its lists: an import never overwrites
 * what a card already says. `fillBlanks({ website: 'a.cn', tags: ['KA'] }, { website: 'b.cn', tags: ['展会'] })`
 * → `{ tags: ['KA', '展会'] }`.
 */
export function fillBlanks(
  existing: Record<string, unknown>,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(incoming)) {
    const current = existing[field];
    if (Array.isArray(value)) {
      const have = Array.isArray(current) ? current : [];
      const added = value.filter((v) => !have.includes(v));
      if (added.length) out[field] = [...have, ...added];
    } else if (current === undefined || current === null || current === '') out[field] = value;
  }
  return out;
}
