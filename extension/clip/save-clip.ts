import type { MergePlan } from '../../shared/match/merge-plan';
import type { Candidate } from '../../shared/schema/candidate';
import { clipPlan, plannedProvenance, plannedValues, stringsOf } from '../store/clip-plan';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import { readMeta, type StoreEnv, writeMeta } from '../store/meta';
import { newAccountFields, newActivityFields, newContactFields } from '../store/new-records';
import type { ClipExtras } from './clip-draft';
import type { OwnershipCheck } from './ownership-check';
import { rememberPendingCheck } from './pending-check';

/** For each conflicting field (`contact.title`, `account.name`), which value the rep keeps; unchosen = the card's. */
export type ConflictChoices = Record<string, 'card' | 'clip'>;

export interface ClipSave {
  candidate: Candidate;
  extras: ClipExtras;
  choices: ConflictChoices;
  /** The page the lead was clipped from: the capture activity's source and each field's provenance. */
  url: string;
  title: string;
  /** The rep (activities record who logged them). */
  by: string;
  /** The duplicate check's answer; a new card without a completed one is checked at sync (pending-check.ts). */
  check?: OwnershipCheck;
}

export interface SavedClip {
  accountId: string;
  contactId: string | null;
  activityId: string;
  /** The account already existed: the clip merged into it. */
  merged: boolean;
  plan: MergePlan;
}

/**
 * Saves one clipped lead in ONE transaction, each write with its outbox mutation: the account and contact merged
 * into the matching cards (fills, appends and the conflicts the rep chose) or new, the rep's tags and buying
 * role, and a `capture` activity with the page URL as its source.
 */
export async function saveClip(db: LeadcardDb, env: StoreEnv, input: ClipSave): Promise<SavedClip> {
  const { candidate, extras, choices, url } = input;
  const tables = [...db.entityTableList, db.outbox, db.clocks, db.meta];
  return db.transaction('rw', tables, async () => {
    const { account, contact, plan, match } = await clipPlan(db, candidate);
    const now = new Date(env.now()).toISOString();

    let accountId: string;
    const takesClip = (key: string) => choices[key] === 'clip';
    const accountChanges = plannedValues('account', plan.account, account?.fields ?? {}, takesClip);
    if (account) {
      accountId = account.id;
      const tags = stringsOf(account.fields.tags);
      const newTags = extras.tags.filter((tag) => !tags.includes(tag));
      const patch =
        newTags.length > 0 ? { ...accountChanges, tags: [...tags, ...newTags].slice(0, 50) } : accountChanges;
      if (Object.keys(patch).length > 0) await saveLocal(db, env, 'account', accountId, patch);
    } else {
      // A person with no company to name (no org, no domain of their own) is an individual customer.
      const named = typeof accountChanges.name === 'string' ? accountChanges.name : null;
      const fallback = candidate.name ?? candidate.emails[0] ?? input.title ?? '?';
      const fields = newAccountFields({
        name: (named ?? fallback).slice(0, 300),
        kind: named ? 'business' : 'individual',
        source: extras.source,
        tags: extras.tags,
        ...(accountChanges as Partial<Record<'website' | 'address', string>>),
        domains: stringsOf(accountChanges.domains),
        phones: stringsOf(accountChanges.phones),
      });
      accountId = (await saveLocal(db, env, 'account', null, fields)).id;
      if (input.check?.state !== 'checked')
        await rememberPendingCheck(db, env, { accountId, candidate, url, by: input.by });
    }

    let contactId: string | null = null;
    if (match.contact.action !== 'none') {
      const changes = plannedValues('contact', plan.contact, contact?.fields ?? {}, takesClip);
      const provenance = plannedProvenance(plan.contact, { source: url, part: 'page', at: now }, takesClip);
      const role = extras.buyingRole;
      if (contact) {
        contactId = contact.id;
        const patch: Record<string, unknown> = { ...changes };
        if (role && !contact.fields.buyingRole) patch.buyingRole = role;
        if (Object.keys(patch).length > 0) {
          patch.provenance = { ...(contact.fields.provenance as Record<string, unknown>), ...provenance };
          await saveLocal(db, env, 'contact', contactId, patch);
        }
      } else {
        const name = typeof changes.name === 'string' ? changes.name : (candidate.name ?? candidate.emails[0] ?? '?');
        const fields = newContactFields({
          accountId,
          name: name.slice(0, 200),
          title: typeof changes.title === 'string' ? changes.title : null,
          emails: stringsOf(changes.emails),
          phones: stringsOf(changes.phones),
          buyingRole: role,
          isPrimary: account === null,
          provenance,
        });
        contactId = (await saveLocal(db, env, 'contact', null, fields)).id;
      }
    } else if (candidate.kind === 'role-address' && candidate.emails.length > 0) {
      // A role mailbox (sales@, 客服) is how to reach the company: kept as a contact named by the address.
      const known = await db.contacts.where('emails').anyOf(candidate.emails).first();
      if (known) contactId = known.id;
      else {
        const fields = newContactFields({
          accountId,
          name: candidate.emails[0]!.slice(0, 200),
          emails: candidate.emails.slice(0, 20),
          provenance: { emails: { source: url.slice(0, 2048), part: 'page', at: now } },
        });
        contactId = (await saveLocal(db, env, 'contact', null, fields)).id;
      }
    }

    const activity = newActivityFields({
      accountId,
      contactId,
      type: 'capture',
      at: now,
      by: input.by.slice(0, 200),
      summary: (input.title || url).slice(0, 1000),
      source: url.slice(0, 2048),
    });
    const { id: activityId } = await saveLocal(db, env, 'activity', null, activity);
    return { accountId, contactId, activityId, merged: account !== null, plan };
  });
}

/** The rep's interest in a customer a colleague protects, waiting for the server to take it (DESIGN §5). */
export interface ClipInterest {
  at: string;
  by: string;
  url: string;
  owner: string | null;
  until: string | null;
  name: string | null;
  org: string | null;
  emails: string[];
  phones: string[];
  /** The clipped site (absent on interests recorded before it was kept): its domain finds the card too. */
  website?: string | null;
}

export const INTERESTS_KEY = 'clip.interests';
/** A bound: interests are a short list for the rep to follow up, not an archive. */
const KEEP_INTERESTS = 200;

/**
 * Records that the rep clipped a customer a colleague protects, instead of a second card: kept in this
 * device's store (nothing of the owner's card is written) until sync sends it to the server, which records it on
 * the owner's card (`POST /api/v1/ownership/interest`, extension/sync/interests.ts).
 */
export async function recordInterest(
  db: LeadcardDb,
  env: StoreEnv,
  input: { candidate: Candidate; owner: string | null; until: string | null; url: string; by: string },
): Promise<ClipInterest> {
  const { candidate } = input;
  const interest: ClipInterest = {
    at: new Date(env.now()).toISOString(),
    by: input.by,
    url: input.url.slice(0, 2048),
    owner: input.owner,
    until: input.until,
    name: candidate.kind === 'person' ? candidate.name : null,
    org: candidate.org ?? (candidate.kind === 'organisation' ? candidate.name : null),
    emails: candidate.emails,
    phones: candidate.phones,
    website: candidate.website,
  };
  await db.transaction('rw', db.meta, async () => {
    const list = await readMeta<ClipInterest[]>(db, INTERESTS_KEY, []);
    await writeMeta(db, INTERESTS_KEY, [...list, interest].slice(-KEEP_INTERESTS));
  });
  return interest;
}

/** The interests recorded on this device, oldest first. */
export function clipInterests(db: LeadcardDb): Promise<ClipInterest[]> {
  return readMeta<ClipInterest[]>(db, INTERESTS_KEY, []);
}

/** Removes one interest the server acknowledged (the first equal entry: others may have been added meanwhile). */
export async function dropInterest(db: LeadcardDb, interest: ClipInterest): Promise<void> {
  const sent = JSON.stringify(interest);
  await db.transaction('rw', db.meta, async () => {
    const list = await readMeta<ClipInterest[]>(db, INTERESTS_KEY, []);
    const at = list.findIndex((entry) => JSON.stringify(entry) === sent);
    if (at >= 0) await writeMeta(db, INTERESTS_KEY, [...list.slice(0, at), ...list.slice(at + 1)]);
  });
}
