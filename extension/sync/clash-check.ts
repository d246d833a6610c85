import { ownershipAnswer } from '../clip/ownership-check';
import { heldAccounts, pendingChecks, settlePendingCheck } from '../clip/pending-check';
import type { LeadcardDb } from '../store/db';
import { holdBackUndecided } from './outbox-hold';
import { ServerError } from './server-error';
import type { SyncOptions, SyncTarget } from './sync-client';

export interface ClashCheckResult {
  cleared: number;
  clashes: number;
  pending: number;
}

type Outcome = { kind: 'clear' } | { kind: 'clash'; owner: string | null; until: string | null } | { kind: 'wait' };

/**
 * Runs the duplicate check (DESIGN §5) that could not run when a card was clipped, before the push: each pending
 * card's keys against `GET /api/v1/ownership`. Free, pool or the rep's own: the entry goes; protected by a
 * colleague: a clash the card shows; offline stops the round (all kept), a 5xx/404 or unreadable answer keeps that
 * card pending; a refused token fails the sync like a push would.
 */
export async function runPendingChecks(
  db: LeadcardDb,
  target: SyncTarget,
  options: Pick<SyncOptions, 'fetch'>,
): Promise<ClashCheckResult> {
  const result: ClashCheckResult = { cleared: 0, clashes: 0, pending: 0 };
  const base = target.serverUrl.replace(/\/+$/, '');
  const list = await pendingChecks(db);
  for (const [index, entry] of list.entries()) {
    // A card the rep deleted (or merged away) meanwhile has nothing left to clash.
    if (!(await db.accounts.get(entry.accountId))) {
      await settlePendingCheck(db, entry.accountId, null);
      result.cleared++;
      continue;
    }
    let outcome: Outcome = { kind: 'clear' };
    for (const query of entry.queries) {
      let res: Response;
      try {
        res = await options.fetch(`${base}/api/v1/ownership?${query}`, {
          headers: { authorization: `Bearer ${target.token}` },
        });
      } catch {
        result.pending += list.length - index;
        return result;
      }
      if (res.status === 401) throw new ServerError('auth', 'the server refused the sign-in', 401);
      // A key the server cannot read (400: a phone it does not parse) says nothing either way.
      if (res.status === 400) continue;
      if (!res.ok) {
        outcome = { kind: 'wait' };
        break;
      }
      const parsed = ownershipAnswer.safeParse(await res.json().catch(() => null));
      if (!parsed.success) {
        outcome = { kind: 'wait' };
        break;
      }
      if (parsed.data.status === 'protected') {
        outcome = { kind: 'clash', owner: parsed.data.owner ?? null, until: parsed.data.until ?? null };
        break;
      }
    }
    if (outcome.kind === 'wait') result.pending++;
    else {
      await settlePendingCheck(db, entry.accountId, outcome.kind === 'clash' ? outcome : null);
      if (outcome.kind === 'clash') result.clashes++;
      else result.cleared++;
    }
  }
  return result;
}

/**
 * Before the push: the cards still waiting for their check, or for the rep's decision on a clash, go behind the
 * other queued changes; returns the last seq that may be pushed now (see outbox-hold.ts).
 */
export function holdBackUncheckedCards(db: LeadcardDb): Promise<number> {
  return holdBackUndecided(db, () => heldAccounts(db));
}
