import { displayCompanyName, normaliseCompanyName } from '../normalise/company';
import { isFreeMailDomain, registrableDomain } from '../normalise/domain';
import { normaliseEmail } from '../normalise/email';
import { normalisePersonName, personNameKey } from '../normalise/person';
import { normalisePhone, type PhoneOptions, phoneToString } from '../normalise/phone';
import type { Candidate, EvidenceSource } from '../schema/candidate';
import type { MatchableAccount, MatchableContact } from './types';

export type ContactField = 'name' | 'title' | 'emails' | 'phones';
export type AccountField = 'name' | 'website' | 'address' | 'domains' | 'phones';

/**
 * One field's change. `fill`: the card's field is empty, take the clip's value. `append`: values the card's list
 * lacks. `conflict`: the card and the clip disagree; the rep chooses, nothing is overwritten silently (DESIGN §3).
 * `evidence` says which part of the page or mail gave the clip's value. Fields with nothing new are left out.
 */
export type FieldChange<F extends string> =
  | { field: F; action: 'fill'; value: string; evidence: EvidenceSource[] }
  | { field: F; action: 'append'; values: string[]; evidence: EvidenceSource[] }
  | { field: F; action: 'conflict'; current: string; incoming: string; evidence: EvidenceSource[] };

export type MergePlan = { contact: FieldChange<ContactField>[]; account: FieldChange<AccountField>[] };

/**
 * The field-by-field plan for merging a clip into the cards `matchCandidate` chose. Pass only the cards merged
 * into; a plan against an empty card (all fields null, lists empty) is the plan for a new one: every field a fill.
 * A person's hotline (400/800) goes to the account, not the contact: it is the company's number.
 */
export function mergePlan(
  candidate: Candidate,
  target: { contact?: MatchableContact | null; account?: MatchableAccount | null },
  options: PhoneOptions = {},
): MergePlan {
  const evidence = (...fields: string[]) => [...new Set(fields.flatMap((field) => candidate.evidence[field] ?? []))];
  const phones = candidate.phones.flatMap((text) => {
    const phone = normalisePhone(text, options);
    return phone ? [phone] : [];
  });
  const isPerson = candidate.kind === 'person';
  const contactPhones = isPerson ? phones.filter((phone) => phone.kind !== 'toll-free') : [];
  const accountPhones = isPerson ? phones.filter((phone) => phone.kind === 'toll-free') : phones;

  const plan: MergePlan = { contact: [], account: [] };
  const { contact, account } = target;
  if (contact && isPerson) {
    const changes: Array<FieldChange<ContactField> | null> = [
      scalar(
        'name',
        contact.name,
        candidate.name && normalisePersonName(candidate.name),
        personNameKey,
        evidence('name'),
      ),
      scalar('title', contact.title, candidate.title?.trim() ?? null, foldText, evidence('title')),
      list('emails', contact.emails, candidate.emails, normaliseEmail, evidence('emails')),
      list('phones', contact.phones, contactPhones.map(phoneToString), phoneKey(options), evidence('phones')),
    ];
    plan.contact = changes.filter((change) => change !== null);
  }
  if (account) {
    const orgName = candidate.org ?? (candidate.kind === 'organisation' ? candidate.name : null);
    const domains = [candidate.website, ...candidate.emails].flatMap((source) => {
      const domain = source ? registrableDomain(source) : null;
      return domain && !isFreeMailDomain(domain) ? [domain] : [];
    });
    const changes: Array<FieldChange<AccountField> | null> = [
      scalar(
        'name',
        account.name,
        orgName && displayCompanyName(orgName),
        normaliseCompanyName,
        evidence(orgName === candidate.org ? 'org' : 'name'),
      ),
      scalar('website', account.website ?? null, candidate.website?.trim() ?? null, websiteKey, evidence('website')),
      scalar('address', account.address ?? null, candidate.address?.trim() ?? null, foldText, evidence('address')),
      list('domains', account.domains, domains, registrableDomain, evidence('website', 'emails')),
      list('phones', account.phones, accountPhones.map(phoneToString), phoneKey(options), evidence('phones')),
    ];
    plan.account = changes.filter((change) => change !== null);
  }
  return plan;
}

function scalar<F extends string>(
  field: F,
  current: string | null,
  incoming: string | null,
  key: (text: string) => string,
  evidence: EvidenceSource[],
): FieldChange<F> | null {
  if (!incoming || incoming.trim() === '') return null;
  if (!current || current.trim() === '') return { field, action: 'fill', value: incoming, evidence };
  if (key(current) === key(incoming)) return null;
  return { field, action: 'conflict', current, incoming, evidence };
}

/** Values of `incoming` (normalised) whose key is not among `current`'s; unreadable values are dropped. */
function list<F extends string>(
  field: F,
  current: readonly string[],
  incoming: readonly string[],
  normalise: (text: string) => string | null,
  evidence: EvidenceSource[],
): FieldChange<F> | null {
  const known = new Set(current.map((text) => normalise(text) ?? text));
  const values: string[] = [];
  for (const text of incoming) {
    const value = normalise(text);
    if (value === null || known.has(value)) continue;
    known.add(value);
    values.push(value);
  }
  return values.length > 0 ? { field, action: 'append', values, evidence } : null;
}

function phoneKey(options: PhoneOptions): (text: string) => string | null {
  return (text) => {
    const phone = normalisePhone(text, options);
    return phone ? phoneToString(phone) : null;
  };
}

// `https://www.acme.com/` and `acme.com` are one website.
function websiteKey(text: string): string {
  return registrableDomain(text) ?? foldText(text);
}

function foldText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
