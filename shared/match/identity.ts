import { normaliseCompanyName } from '../normalise/company';
import { isFreeMailDomain, registrableDomain } from '../normalise/domain';
import { isRoleAddress, normaliseEmail } from '../normalise/email';
import { type NormalisedPhone, normalisePhone, type PhoneOptions, phoneToString } from '../normalise/phone';
import type { Candidate } from '../schema/candidate';
import type { MatchableAccount, MatchableContact } from './types';

/**
 * The keys a card or a clip is known by, normalised: emails, phones keyed by `phoneToString` (so an extension
 * is part of the key), registrable domains other than free mail, and the company-name key.
 */
export type Identity = {
  emails: ReadonlySet<string>;
  /** Role addresses (sales@, info@): they name a company, not a person, so only their domain is used. */
  roleEmails: ReadonlySet<string>;
  phones: ReadonlyMap<string, NormalisedPhone>;
  domains: ReadonlySet<string>;
  companyName: string | null;
};

export function candidateIdentity(candidate: Candidate, options: PhoneOptions = {}): Identity {
  const { personal, role } = splitEmails(candidate.emails);
  const orgName = candidate.org ?? (candidate.kind === 'organisation' ? candidate.name : null);
  return {
    emails: personal,
    roleEmails: role,
    phones: phoneMap(candidate.phones, options),
    domains: domainSet([candidate.website, ...personal, ...role]),
    companyName: companyKey(orgName),
  };
}

/**
 * Identities of cards already computed, per options object: a card is compared with every clip or import row that
 * shares a key with it (card-index.ts) and the same cards are matched over and over, and normalising each card's
 * phones again each time made planning a 10k-row file quadratic in phone parsing (minutes). Cards are not changed
 * once built, and an Identity is read-only.
 */
const known = new WeakMap<PhoneOptions, WeakMap<object, Identity>>();
function memo<T extends object>(card: T, options: PhoneOptions, compute: (card: T) => Identity): Identity {
  let cache = known.get(options);
  if (!cache) {
    cache = new WeakMap();
    known.set(options, cache);
  }
  let identity = cache.get(card);
  if (!identity) {
    identity = compute(card);
    cache.set(card, identity);
  }
  return identity;
}

export function contactIdentity(contact: MatchableContact, options: PhoneOptions = {}): Identity {
  return memo(contact, options, (c) => computeContactIdentity(c, options));
}

export function accountIdentity(account: MatchableAccount, options: PhoneOptions = {}): Identity {
  return memo(account, options, (a) => computeAccountIdentity(a, options));
}

function computeContactIdentity(contact: MatchableContact, options: PhoneOptions): Identity {
  const { personal, role } = splitEmails(contact.emails);
  return {
    emails: personal,
    roleEmails: role,
    phones: phoneMap(contact.phones, options),
    domains: new Set(),
    companyName: null,
  };
}

function computeAccountIdentity(account: MatchableAccount, options: PhoneOptions): Identity {
  return {
    emails: new Set(),
    roleEmails: new Set(),
    phones: phoneMap(account.phones, options),
    domains: domainSet([...account.domains, account.website ?? null]),
    companyName: companyKey(account.name),
  };
}

function splitEmails(emails: readonly string[]): { personal: Set<string>; role: Set<string> } {
  const personal = new Set<string>();
  const role = new Set<string>();
  for (const text of emails) {
    const email = normaliseEmail(text);
    if (email) (isRoleAddress(email) ? role : personal).add(email);
  }
  return { personal, role };
}

function phoneMap(phones: readonly string[], options: PhoneOptions): Map<string, NormalisedPhone> {
  const map = new Map<string, NormalisedPhone>();
  for (const text of phones) {
    const phone = normalisePhone(text, options);
    if (phone) map.set(phoneToString(phone), phone);
  }
  return map;
}

// Never a free-mail domain (DESIGN §3): two people on qq.com are not one company.
function domainSet(sources: ReadonlyArray<string | null>): Set<string> {
  const domains = new Set<string>();
  for (const source of sources) {
    const domain = source ? registrableDomain(source) : null;
    if (domain && !isFreeMailDomain(domain)) domains.add(domain);
  }
  return domains;
}

// One or two letters (`AB Ltd`, `华`) are too little to say two cards are one company.
function companyKey(name: string | null): string | null {
  if (!name) return null;
  const key = normaliseCompanyName(name);
  return [...key].length >= 2 ? key : null;
}
