import { matchCandidate } from '../../shared/match/match-candidate';
import { type MergePlan, mergePlan } from '../../shared/match/merge-plan';
import type { MatchableAccount, MatchableContact, MatchResult } from '../../shared/match/types';
import { normaliseCompanyName } from '../../shared/normalise/company';
import { isFreeMailDomain, registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { normalisePhone } from '../../shared/normalise/phone';
import type { Candidate } from '../../shared/schema/candidate';
import { mailDirection } from '../capture/mail/mail-direction';
import type { ParsedEmail } from '../capture/mail/parsed-email';
import type { LeadcardDb, StoredRecord } from '../store/db';
import { saveLocal } from '../store/local-change';
import { phoneLookupKey } from '../store/lookup-keys';
import { matchableAccount, matchableContact } from '../store/matchable';
import type { StoreEnv } from '../store/meta';
import { newAccountFields, newActivityFields, newContactFields } from '../store/new-records';

/** Where a clip would go: the match decision, the cards it names, and the field-by-field plan against them. */
export interface MailClipPlan {
  match: MatchResult;
  account: StoredRecord | null;
  contact: StoredRecord | null;
  plan: MergePlan;
}

/** A clip the rep saves: the edited candidate, the parsed mail and the message id it is recorded under. */
export interface MailClipSave {
  candidate: Candidate;
  parsed: ParsedEmail;
  source: string | null;
  /** The rep (activities record who logged them). */
  by: string;
  /** Conflicting fields (`contact.title`, `account.name`) where the rep chose the mail's value over the card's. */
  takeFromMail?: ReadonlySet<string>;
  /** The rep's own addresses when known (the webmail account): a mail from one of them is recorded as sent (`out`). */
  repAddresses?: readonly string[];
}

export interface SavedMailClip {
  accountId: string;
  contactId: string | null;
  activityId: string;
  /** True when this message was already on the card: its `email` activity was not written again. */
  duplicate: boolean;
  plan: MergePlan;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
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
export async function mailClipPlan(db: LeadcardDb, candidate: Candidate): Promise<MailClipPlan> {
  const existing = await cardsSharingKeys(db, candidate);
  const match = matchCandidate(candidate, {
    accounts: existing.accounts.map(matchableAccount),
    contacts: existing.contacts.map(matchableContact),
  });
  const contact =
    match.contact.action === 'merge'
      ? ((await db.contacts.get((match.contact as { match: { id: string } }).match.id)) ?? null)
      : null;
  const account =
    match.account.action === 'merge'
      ? ((await db.accounts.get((match.account as { match: { id: string } }).match.id)) ?? null)
      : null;
  const plan = mergePlan(candidate, {
    contact: contact ? matchableContact(contact) : emptyContact,
    account: account ? matchableAccount(account) : emptyAccount,
  });
  return { match, account, contact, plan };
}

const emptyContact: MatchableContact = { id: '', accountId: null, name: null, title: null, emails: [], phones: [] };
const emptyAccount: MatchableAccount = { id: '', name: null, domains: [], phones: [], website: null, address: null };

type Changes = Record<string, string | string[]>;

/**
 * The fills and appends of a plan as field values on top of `current`. A conflict keeps the card's value unless
 * the rep chose the mail's (`take` holds `side.field`): nothing is overwritten silently (DESIGN §3).
 */
function applied(
  side: 'contact' | 'account',
  changes: MergePlan['contact'] | MergePlan['account'],
  current: Record<string, unknown>,
  take: ReadonlySet<string>,
): Changes {
  const out: Changes = {};
  for (const change of changes) {
    if (change.action === 'fill') out[change.field] = change.value;
    if (change.action === 'append') out[change.field] = [...strings(current[change.field]), ...change.values];
    if (change.action === 'conflict' && take.has(`${side}.${change.field}`)) out[change.field] = change.incoming;
  }
  return out;
}

/**
 * Saves a mail clip in ONE transaction: the account and contact (merged into the matching cards, or new), and an
 * `email` activity with the message id as its source and the sender's own text as its body. A message already on
 * the card (same source) is not recorded twice: re-clipping only fills what the card lacks.
 */
export async function saveMailClip(db: LeadcardDb, env: StoreEnv, input: MailClipSave): Promise<SavedMailClip> {
  const { candidate, parsed, source } = input;
  const tables = [...db.entityTableList, db.outbox, db.clocks, db.meta];
  return db.transaction('rw', tables, async () => {
    const { account, contact, plan, match } = await mailClipPlan(db, candidate);
    const now = new Date(env.now()).toISOString();

    let accountId: string;
    const take = input.takeFromMail ?? new Set<string>();
    const accountChanges = applied('account', plan.account, account?.fields ?? {}, take);
    if (account) {
      accountId = account.id;
      if (Object.keys(accountChanges).length > 0) await saveLocal(db, env, 'account', accountId, accountChanges);
    } else {
      // A sender with no company to name (free mail, no signature org) is an individual customer.
      const named = typeof accountChanges.name === 'string' ? accountChanges.name : null;
      const fallback = candidate.name ?? candidate.emails[0] ?? parsed.from?.address ?? '?';
      const fields = newAccountFields({
        name: (named ?? fallback).slice(0, 300),
        kind: named ? 'business' : 'individual',
        source: 'email',
        ...(accountChanges as Partial<Record<'website' | 'address', string>>),
        domains: strings(accountChanges.domains),
        phones: strings(accountChanges.phones),
      });
      accountId = (await saveLocal(db, env, 'account', null, fields)).id;
    }

    let contactId: string | null = null;
    if (match.contact.action !== 'none') {
      const contactChanges = applied('contact', plan.contact, contact?.fields ?? {}, take);
      const provenance = provenanceOf(plan.contact, source, now, take);
      if (contact) {
        contactId = contact.id;
        if (Object.keys(contactChanges).length > 0) {
          const merged = { ...(contact.fields.provenance as Record<string, unknown>), ...provenance };
          await saveLocal(db, env, 'contact', contactId, { ...contactChanges, provenance: merged });
        }
      } else {
        const name = typeof contactChanges.name === 'string' ? contactChanges.name : (candidate.emails[0] ?? '?');
        const fields = newContactFields({
          accountId,
          name: name.slice(0, 200),
          title: typeof contactChanges.title === 'string' ? contactChanges.title : null,
          emails: strings(contactChanges.emails),
          phones: strings(contactChanges.phones),
          isPrimary: account === null,
          provenance,
        });
        contactId = (await saveLocal(db, env, 'contact', null, fields)).id;
      }
    }

    // Received or sent, against the card as saved: its contacts' addresses and the company's domains.
    const savedContact = contactId ? await db.contacts.get(contactId) : undefined;
    const savedAccount = await db.accounts.get(accountId);
    const direction = mailDirection(parsed, {
      repAddresses: [...(input.repAddresses ?? []), ...(input.by.includes('@') ? [input.by] : [])],
      customerEmails: [...strings(savedContact?.fields.emails), ...candidate.emails],
      customerDomains: savedAccount?.domains ?? [],
    });

    const already = source
      ? await db.activities
          .where('accountId')
          .equals(accountId)
          .filter((a) => a.fields.type === 'email' && a.fields.source === source)
          .first()
      : undefined;
    if (already) {
      // An email recorded before directions were kept gets one; nothing else of it is rewritten.
      if (already.fields.direction == null) await saveLocal(db, env, 'activity', already.id, { direction });
      return { accountId, contactId, activityId: already.id, duplicate: true, plan };
    }

    const activity = newActivityFields({
      accountId,
      contactId,
      type: 'email',
      at: parsed.date ?? now,
      by: input.by.slice(0, 200),
      summary: (parsed.subject ?? '').slice(0, 1000),
      body: parsed.body.slice(0, 200_000),
      source: source ? source.slice(0, 2048) : null,
      direction,
    });
    const { id: activityId } = await saveLocal(db, env, 'activity', null, activity);
    return { accountId, contactId, activityId, duplicate: false, plan };
  });
}

/** Each filled contact field's origin (DESIGN §11): the message id, the part of the mail, when. */
function provenanceOf(changes: MergePlan['contact'], source: string | null, at: string, take: ReadonlySet<string>) {
  const out: Record<string, { source: string; part: string; at: string }> = {};
  if (!source) return out;
  for (const change of changes) {
    if (change.action === 'conflict' && !take.has(`contact.${change.field}`)) continue;
    out[change.field] = { source: source.slice(0, 2048), part: change.evidence.join(',').slice(0, 200) || 'email', at };
  }
  return out;
}
