import type { AccountOwnership, AccountView, User } from '../db/storage';
import type { AppDeps } from '../deps';
import { HttpError } from '../http-error';

/** What an ownership change records on the card (DESIGN §5: who, when, why). */
export async function changeOwnership(
  deps: AppDeps,
  account: AccountView,
  by: User | null,
  next: Omit<AccountOwnership, 'sharedWith'> & { sharedWith?: string[] },
  summary: string,
  reason: string | null,
): Promise<AccountView> {
  const now = deps.now();
  const view = await deps.storage.changeOwnership({
    accountId: account.id,
    // Another request may have changed the owner since `account` was read: then nothing is written.
    expectedOwner: account.ownership.owner,
    ownership: next,
    activity: {
      id: deps.newId(),
      hlc: deps.hlc.now(),
      createdBy: by?.id ?? 'system',
      fields: {
        accountId: account.id,
        contactId: null,
        type: 'ownership',
        at: now.toISOString(),
        by: by?.name ?? 'system',
        summary,
        body: reason,
        source: null,
        next: null,
      },
    },
  });
  if (view === 'conflict')
    throw new HttpError(409, 'conflict', 'the account’s owner changed meanwhile; reload and try again');
  await deps.rescore(account.id);
  return view;
}

/** Moves every account whose lapse date has passed to its team's public pool (公海). Returns how many. */
export async function sweepLapsed(deps: AppDeps): Promise<number> {
  let count = 0;
  for (;;) {
    const ids = await deps.storage.lapsedAccounts(deps.now(), 200);
    if (ids.length === 0) return count;
    for (const id of ids) {
      const account = await deps.storage.account(id);
      if (!account) continue;
      try {
        await changeOwnership(
          deps,
          account,
          null,
          { owner: null, team: account.ownership.team, lockedOwner: false, ownerSince: null, lapsesAt: null },
          `lapsed to the public pool (no follow-up by ${account.ownership.owner ?? 'the owner'})`,
          null,
        );
        count++;
      } catch (error) {
        // A claim or assignment that won the race is fine: the account is no longer lapsed.
        if (!(error instanceof HttpError && error.code === 'conflict')) throw error;
      }
    }
  }
}

/**
 * The duplicate check's answer (DESIGN §5): only the status and the owner's name, never the card.
 * `pool` only for the caller's own team's pool; another team's card is `protected`.
 */
export function ownershipStatus(
  actor: User,
  account: AccountView | undefined,
): { status: 'free' | 'pool' | 'yours' | 'protected'; owner?: string; until?: string } {
  if (!account || account.deleted) return { status: 'free' };
  const { owner, team, lapsesAt, lockedOwner } = account.ownership;
  const until = !lockedOwner && lapsesAt ? { until: lapsesAt } : {};
  if (owner === actor.name) return { status: 'yours', owner, ...until };
  if (owner === null) {
    return actor.role === 'admin' || (actor.team !== null && team === actor.team)
      ? { status: 'pool' }
      : { status: 'protected' };
  }
  return { status: 'protected', owner, ...until };
}
