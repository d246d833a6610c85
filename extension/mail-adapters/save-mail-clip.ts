import type { MergePlan } from '../../shared/match/merge-plan';
import type { Candidate } from '../../shared/schema/candidate';
import { mailDirection } from '../capture/mail/mail-direction';
import type { ParsedEmail } from '../capture/mail/parsed-email';
import { clipPlan, plannedProvenance, plannedValues, stringsOf } from '../store/clip-plan';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';
import { newAccountFields, newActivityFields, newContactFields } from '../store/new-records';

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

/**
 * Saves a mail clip in ONE transaction: the account and contact (merged into the matching cards, or new), and an
 * `email` activity with the message id as its source and the sender's own text as its body. A message already on
 * the card (same source) is not recorded twice: re-clipping only fills what the card lacks.
 */
export async function saveMailClip(db: LeadcardDb, env: StoreEnv, input: MailClipSave): Promise<SavedMailClip> {
  const { candidate, parsed, source } = input;
  const tables = [...db.entityTableList, db.outbox, db.clocks, db.meta];
  return db.transaction('rw', tables, async () => {
    const { account, contact, plan, match } = await clipPlan(db, candidate);
    const now = new Date(env.now()).toISOString();

    let accountId: string;
    const take = input.takeFromMail ?? new Set<string>();
    const takesMail = (key: string) => take.has(key);
    const accountChanges = plannedValues('account', plan.account, account?.fields ?? {}, takesMail);
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
        domains: stringsOf(accountChanges.domains),
        phones: stringsOf(accountChanges.phones),
      });
      accountId = (await saveLocal(db, env, 'account', null, fields)).id;
    }

    let contactId: string | null = null;
    if (match.contact.action !== 'none') {
      const contactChanges = plannedValues('contact', plan.contact, contact?.fields ?? {}, takesMail);
      // Each filled field's origin (DESIGN §11): the message id, the part of the mail, when.
      const provenance = source ? plannedProvenance(plan.contact, { source, part: 'email', at: now }, takesMail) : {};
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
          emails: stringsOf(contactChanges.emails),
          phones: stringsOf(contactChanges.phones),
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
      customerEmails: [...stringsOf(savedContact?.fields.emails), ...candidate.emails],
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
