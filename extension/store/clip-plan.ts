import { matchCandidate } from '../../shared/match/match-candidate';
import { type FieldChange, type MergePlan, mergePlan } from '../../shared/match/merge-plan';
import type { MatchableAccount, MatchableContact, MatchResult } from '../../shared/match/types';
import { normaliseCompanyName } from '../../shared/normalise/company';
import { isFreeMailDomain, registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { normalisePhone } from '../../shared/normalise/phone';
import type { Candidate } from '../../shared/schema/candidate';
import type { LeadcardDb, StoredRecord } from './db';
import { phoneLookupKey } from './lookup-keys';
import { matchableAccount, matchableContact } from './matchable';

/** Where a clip (from a page or a mail) would go: the match decision, the cards it names, the field-by-field plan. */
export interface ClipPlan {
  match: MatchResult;
  account: StoredRecord | null;
  contact: StoredRecord | null;
  plan: MergePlan;
}

/** The cards that share a key with the candidate (emails, phones, domains, company name), read by index. */
async function cardsSharingKeys(db: LeadcardDb, candidate: Candidate) {
  const emails = candidate.emails.map((e) => normaliseEmail(e)).filter((e): e is string => e !== null);
  const phones = candidate.phones
    .map((p) => normalisePhone(p)?.e164)
    .filter((p): p is string => typeof p === 'string')
    .map(phoneLookupKey);
  const domains = [candidate.website, ...emails]
    .map((s) => (s ? registrableDomain(s) : null))
    .filter((d): d is string => d !== null && !isFreeMailDomain(d));
  const orgName = candidate.org ?? (candidate.kind === 'organisation' ? candidate.name : null);
  const company = orgName ? normaliseCompanyName(orgName) : '';

  const contacts = new Map<string, StoredRecord>();
  for (const c of await db.contacts.where('emails').anyOf(emails).toArray()) contacts.set(c.id, c);
  for (const c of await db.contacts.where('phones').anyOf(phones).toArray()) contacts.set(c.id, c);
  const accounts = new Map<string, StoredRecord>();
  for (const a of await db.accounts.where('domains').anyOf(domains).toArray()) accounts.set(a.id, a);
  for (const a of await db.accounts.where('phones').anyOf(phones).toArray()) accounts.set(a.id, a);
  if (company) for (const a of await db.accounts.where('company').equals(company).toArray()) accounts.set(a.id, a);
  return { accounts: [...accounts.values()], contacts: [...contacts.values()] };
}

/**
 * Where saving this candidate would go (DESIGN §3: a clip that matches a contact by email or phone, or an account
 * by domain or company name, merges into it and says so), and what it would fill, append or leave in conflict.
 */
export async function clipPlan(db: LeadcardDb, candidate: Candidate): Promise<ClipPlan> {
  const existing = await cardsSharingKeys(db, candidate);
  const match = matchCandidate(candidate, {
    accounts: existing.accounts.map(matchableAccount),
    contacts: existing.contacts.map(matchableContact),
  });
  const contact = match.contact.action === 'merge' ? ((await db.contacts.get(match.contact.match.id)) ?? null) : null;
  const account = match.account.action === 'merge' ? ((await db.accounts.get(match.account.match.id)) ?? null) : null;
  const plan = mergePlan(candidate, {
    contact: contact ? matchableContact(contact) : emptyContact,
    account: account ? matchableAccount(account) : emptyAccount,
  });
  return { match, account, contact, plan };
}

const emptyContact: MatchableContact = { id: '', accountId: null, name: null, title: null, emails: [], phones: [] };
const emptyAccount: MatchableAccount = { id: '', name: null, domains: [], phones: [], website: null, address: null };

/** A conflict's name in the rep's choices: `contact.title`, `account.name`. */
export const conflictKey = (side: 'contact' | 'account', field: string) => `${side}.${field}`;

/** Whether the rep chose the clip's value over the card's for a conflict (by its `conflictKey`). */
export type TakesClipValue = (key: string) => boolean;

/** A stored list field as strings (stored fields are loosely typed: anything else reads as empty). */
export const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * A plan's fills and appends as field values on top of `current`. A conflict keeps the card's value unless the
 * rep chose the clip's: nothing is overwritten silently (DESIGN §3).
 */
export function plannedValues(
  side: 'contact' | 'account',
  changes: readonly FieldChange<string>[],
  current: Record<string, unknown>,
  takesClip: TakesClipValue,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const change of changes) {
    if (change.action === 'fill') out[change.field] = change.value;
    if (change.action === 'append') out[change.field] = [...stringsOf(current[change.field]), ...change.values];
    if (change.action === 'conflict' && takesClip(conflictKey(side, change.field))) out[change.field] = change.incoming;
  }
  return out;
}

/**
 * Each contact field the plan writes, with its origin (DESIGN §11): the page URL or message id, the part of the
 * capture that gave it (`part` when the plan names none), when. A conflict the rep left to the card has none.
 */
export function plannedProvenance(
  changes: readonly FieldChange<string>[],
  origin: { source: string; part: string; at: string },
  takesClip: TakesClipValue,
): Record<string, { source: string; part: string; at: string }> {
  const out: Record<string, { source: string; part: string; at: string }> = {};
  for (const change of changes) {
    if (change.action === 'conflict' && !takesClip(conflictKey('contact', change.field))) continue;
    const part = change.evidence.join(',').slice(0, 200) || origin.part;
    out[change.field] = { source: origin.source.slice(0, 2048), part, at: origin.at };
  }
  return out;
}
