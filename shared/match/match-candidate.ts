import type { PhoneOptions } from '../normalise/phone';
import type { Candidate } from '../schema/candidate';
import { accountIdentity, candidateIdentity, contactIdentity, type Identity } from './identity';
import type { AccountMatch, ContactMatch, MatchableAccount, MatchableContact, MatchReason, MatchResult } from './types';

export type MatchOptions = PhoneOptions;

// How much each kind of shared key says. An email is one person; a mobile nearly so; a landline may be a
// switchboard; a domain or a company name says "same company" only.
const WEIGHT = { email: 100, mobile: 60, phone: 30, domain: 60, 'company-name': 50, accountPhone: 40 } as const;

/**
 * Decides where a clip goes (DESIGN §3: a clip that matches an existing contact by email or phone, or an account
 * by domain or normalised name, merges into it and says why). The best match wins; ties go to the lower id so
 * the answer does not depend on the order of `existing`. An account found through a matched contact outranks one
 * found by its own keys, since the contact's email is the stronger evidence.
 */
export function matchCandidate(
  candidate: Candidate,
  existing: { accounts: readonly MatchableAccount[]; contacts: readonly MatchableContact[] },
  options: MatchOptions = {},
): MatchResult {
  const clip = candidateIdentity(candidate, options);
  const isPerson = candidate.kind === 'person';

  const contacts = isPerson
    ? existing.contacts
        .map((contact) => scoredContact(contact, clip, contactIdentity(contact, options)))
        .filter((scored) => scored.match.reasons.length > 0)
        .sort(byScore)
    : [];

  const accounts = new Map<string, { score: number; match: AccountMatch }>();
  for (const account of existing.accounts) {
    const reasons = accountReasons(clip, accountIdentity(account, options));
    if (reasons.length > 0)
      accounts.set(account.id, { score: sum(reasons, accountWeight), match: { id: account.id, reasons, via: null } });
  }
  // Each matched contact vouches for its account, found or not among `existing.accounts`.
  for (const { score, match } of contacts) {
    if (!match.accountId) continue;
    const found = accounts.get(match.accountId);
    const reasons = mergeReasons(found?.match.reasons ?? [], match.reasons);
    const via = found?.match.via ?? match.id;
    accounts.set(match.accountId, {
      score: (found?.score ?? 0) + 1000 + score,
      match: { id: match.accountId, reasons, via },
    });
  }
  const rankedAccounts = [...accounts.values()].sort(byScore).map((scored) => scored.match);
  const rankedContacts = contacts.map((scored) => scored.match);

  const [bestContact, ...otherContacts] = rankedContacts;
  const [bestAccount, ...otherAccounts] = rankedAccounts;
  const namesAnAccount = clip.companyName !== null || clip.domains.size > 0;
  return {
    contact: !isPerson ? { action: 'none' } : bestContact ? { action: 'merge', match: bestContact } : { action: 'new' },
    account: bestAccount
      ? { action: 'merge', match: bestAccount }
      : namesAnAccount
        ? { action: 'new' }
        : { action: 'none' },
    others: { contacts: otherContacts, accounts: otherAccounts },
  };
}

function scoredContact(
  contact: MatchableContact,
  clip: Identity,
  known: Identity,
): { score: number; match: ContactMatch } {
  const reasons: MatchReason[] = [];
  let score = 0;
  for (const email of clip.emails) {
    if (!known.emails.has(email)) continue;
    reasons.push({ kind: 'email', value: email });
    score += WEIGHT.email;
  }
  for (const [key, phone] of clip.phones) {
    // A hotline (400/800) is the company's, shared by everyone there: it says nothing about the person.
    if (phone.kind === 'toll-free' || !known.phones.has(key)) continue;
    reasons.push({ kind: 'phone', value: key });
    score += phone.kind === 'mobile' ? WEIGHT.mobile : WEIGHT.phone;
  }
  return { score, match: { id: contact.id, accountId: contact.accountId, reasons } };
}

function accountReasons(clip: Identity, account: Identity): MatchReason[] {
  const reasons: MatchReason[] = [];
  for (const domain of clip.domains) if (account.domains.has(domain)) reasons.push({ kind: 'domain', value: domain });
  if (clip.companyName !== null && clip.companyName === account.companyName) {
    reasons.push({ kind: 'company-name', value: clip.companyName });
  }
  for (const key of clip.phones.keys()) if (account.phones.has(key)) reasons.push({ kind: 'phone', value: key });
  return reasons;
}

function accountWeight(reason: MatchReason): number {
  return reason.kind === 'phone' ? WEIGHT.accountPhone : reason.kind === 'email' ? WEIGHT.email : WEIGHT[reason.kind];
}

function sum(reasons: readonly MatchReason[], weight: (reason: MatchReason) => number): number {
  return reasons.reduce((total, reason) => total + weight(reason), 0);
}

function mergeReasons(first: readonly MatchReason[], second: readonly MatchReason[]): MatchReason[] {
  const seen = new Set(first.map((reason) => `${reason.kind}\u0000${reason.value}`));
  return [...first, ...second.filter((reason) => !seen.has(`${reason.kind}\u0000${reason.value}`))];
}

function byScore<T extends { score: number; match: { id: string } }>(a: T, b: T): number {
  return b.score - a.score || (a.match.id < b.match.id ? -1 : a.match.id > b.match.id ? 1 : 0);
}
