import type { Candidate } from '../../shared/schema/candidate';
import type { LeadcardDb } from '../store/db';
import { deleteLocal } from '../store/local-change';
import { readMeta, type StoreEnv, writeMeta } from '../store/meta';
import { dropHeldCard } from '../sync/outbox-hold';
import { ownershipQueries } from './ownership-check';
import { type ClipInterest, INTERESTS_KEY } from './save-clip';

/**
 * A new card saved without a completed duplicate check (offline, signed out, server away): its keys are kept so
 * that sync runs the check (DESIGN §5) and a colleague's protected customer becomes a visible clash.
 */
export interface PendingCheck {
  accountId: string;
  at: string;
  by: string;
  url: string;
  name: string | null;
  org: string | null;
  emails: string[];
  phones: string[];
  website: string | null;
  /** The `GET /api/v1/ownership` queries (email, phone, domain, company name). */
  queries: string[];
}

/** A pending card the check found protected by a colleague: shown on the card until the rep decides. */
export interface Clash extends PendingCheck {
  owner: string | null;
  until: string | null;
}

export const PENDING_KEY = 'clip.pendingChecks';
export const CLASHES_KEY = 'clip.clashes';
export const CLASH_DECISIONS_KEY = 'clip.clashDecisions';
const KEEP = 200;

export function pendingChecks(db: LeadcardDb): Promise<PendingCheck[]> {
  return readMeta<PendingCheck[]>(db, PENDING_KEY, []);
}

export function clashes(db: LeadcardDb): Promise<Clash[]> {
  return readMeta<Clash[]>(db, CLASHES_KEY, []);
}

/** The cards the push holds back (outbox-hold.ts): a duplicate check not yet answered, or a clash not decided. */
export async function heldAccounts(db: LeadcardDb): Promise<Set<string>> {
  const waiting = [...(await pendingChecks(db)), ...(await clashes(db))];
  return new Set(waiting.map((entry) => entry.accountId));
}

export async function clashOf(db: LeadcardDb, accountId: string): Promise<Clash | null> {
  return (await clashes(db)).find((c) => c.accountId === accountId) ?? null;
}

/** Remembers a new card's keys for the check at sync (call inside a transaction that includes `db.meta`). */
export async function rememberPendingCheck(
  db: LeadcardDb,
  env: StoreEnv,
  input: { accountId: string; candidate: Candidate; url: string; by: string },
): Promise<PendingCheck | null> {
  const { candidate } = input;
  const queries = ownershipQueries(candidate);
  if (queries.length === 0) return null;
  const pending: PendingCheck = {
    accountId: input.accountId,
    at: new Date(env.now()).toISOString(),
    by: input.by,
    url: input.url.slice(0, 2048),
    name: candidate.kind === 'person' ? candidate.name : null,
    org: candidate.org ?? (candidate.kind === 'organisation' ? candidate.name : null),
    emails: candidate.emails,
    phones: candidate.phones,
    website: candidate.website,
    queries,
  };
  const list = (await pendingChecks(db)).filter((p) => p.accountId !== input.accountId);
  await writeMeta(db, PENDING_KEY, [...list, pending].slice(-KEEP));
  return pending;
}

/** The check answered: drops the pending entry and, for a colleague's customer, records the clash. */
export async function settlePendingCheck(
  db: LeadcardDb,
  accountId: string,
  clash: { owner: string | null; until: string | null } | null,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const list = await pendingChecks(db);
    const entry = list.find((p) => p.accountId === accountId);
    await writeMeta(
      db,
      PENDING_KEY,
      list.filter((p) => p.accountId !== accountId),
    );
    if (!entry || !clash) return;
    const others = (await clashes(db)).filter((c) => c.accountId !== accountId);
    await writeMeta(db, CLASHES_KEY, [...others, { ...entry, ...clash }].slice(-KEEP));
  });
}

async function decide(db: LeadcardDb, env: StoreEnv, accountId: string, decision: 'keep' | 'remove') {
  const list = await clashes(db);
  await writeMeta(
    db,
    CLASHES_KEY,
    list.filter((c) => c.accountId !== accountId),
  );
  const decisions = await readMeta<unknown[]>(db, CLASH_DECISIONS_KEY, []);
  const record = { accountId, decision, at: new Date(env.now()).toISOString() };
  await writeMeta(db, CLASH_DECISIONS_KEY, [...decisions, record].slice(-KEEP));
}

/** "Keep my card": the rep keeps the duplicate knowingly; the decision is recorded, the banner goes. */
export async function keepClashingCard(db: LeadcardDb, env: StoreEnv, accountId: string): Promise<void> {
  await db.transaction('rw', db.meta, () => decide(db, env, accountId, 'keep'));
}

/**
 * A card created here whose creating change still waits in the outbox: held back since it was clipped
 * (outbox-hold.ts), so the server has never seen it.
 */
async function neverReachedServer(db: LeadcardDb, accountId: string): Promise<boolean> {
  const record = await db.accounts.get(accountId);
  if (!record || record.base !== null) return false;
  return (await db.outbox.where('[entity+id]').equals(['account', accountId]).count()) > 0;
}

/**
 * "Record my interest and remove my copy": queues the interest for the owner (sent at sync like a clip's) and
 * removes the local account with its contacts, activities and opportunities. A copy the server never had (the
 * push holds a pending card back) just leaves the device with its queued changes; an older copy already pushed
 * is deleted with tombstones.
 */
export async function removeClashingCard(db: LeadcardDb, env: StoreEnv, accountId: string): Promise<boolean> {
  const tables = [...db.entityTableList, db.outbox, db.clocks, db.meta];
  return db.transaction('rw', tables, async () => {
    const clash = await clashOf(db, accountId);
    if (!clash) return false;
    const interest: ClipInterest = {
      at: new Date(env.now()).toISOString(),
      by: clash.by,
      url: clash.url,
      owner: clash.owner,
      until: clash.until,
      name: clash.name,
      org: clash.org,
      emails: clash.emails,
      phones: clash.phones,
      website: clash.website,
    };
    const interests = await readMeta<ClipInterest[]>(db, INTERESTS_KEY, []);
    await writeMeta(db, INTERESTS_KEY, [...interests, interest].slice(-KEEP));
    if (await neverReachedServer(db, accountId)) await dropHeldCard(db, accountId);
    else {
      // A copy already on the server (clipped before the push held pending cards back): delete it there too.
      for (const entity of ['activity', 'opportunity', 'contact'] as const) {
        const ids = await db.tableOf(entity).where('accountId').equals(accountId).primaryKeys();
        for (const id of ids) await deleteLocal(db, env, entity, id);
      }
      if (await db.accounts.get(accountId)) await deleteLocal(db, env, 'account', accountId);
    }
    await decide(db, env, accountId, 'remove');
    return true;
  });
}
