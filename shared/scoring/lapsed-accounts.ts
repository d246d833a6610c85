import type { AccountFields } from '../schema/entities';
import type { ScoringRules } from './rules';
import { DAY_MS, timeOf, wholeDaysBetween } from './time';

export type OwnedAccount = {
  id: string;
  owner: string | null;
  status: AccountFields['status'];
  /** A manager's lock: the account never lapses. */
  lockedOwner: boolean;
  /** The owner's last follow-up activity on the account (ISO), null if none. */
  lastOwnerActivityAt: string | null;
  /** When the owner created or claimed it (ISO): the clock starts here without a follow-up. */
  ownerSince: string | null;
};

export type Lapse = {
  id: string;
  owner: string;
  reason: 'lead-no-follow-up' | 'customer-no-follow-up';
  /** Days since the owner's last follow-up (or since they took the account). */
  days: number;
  limitDays: number;
};

/**
 * Which owned accounts lapse to the public pool (公海) as of `now`, and why (DESIGN §5): no follow-up by the owner
 * for 30 days on a lead, 90 on a customer. A lost account is being won back like a lead: 30 days. Locked accounts
 * never lapse.
 */
export function lapsedAccounts(accounts: Iterable<OwnedAccount>, rules: ScoringRules, now: Date): Lapse[] {
  const nowMs = now.getTime();
  const lapses: Lapse[] = [];
  for (const account of accounts) {
    if (account.owner === null || account.lockedOwner) continue;
    const since = lastFollowUp(account);
    if (since === null) continue;
    const lead = account.status !== 'customer';
    const limitDays = lead ? rules.ownership.leadLapseDays : rules.ownership.customerLapseDays;
    const days = wholeDaysBetween(since, nowMs);
    if (nowMs - since >= limitDays * DAY_MS) {
      lapses.push({
        id: account.id,
        owner: account.owner,
        reason: lead ? 'lead-no-follow-up' : 'customer-no-follow-up',
        days,
        limitDays,
      });
    }
  }
  return lapses;
}

/** When the account will lapse without a follow-up (ISO), for the server's `lapsesAt`; null if it cannot. */
export function lapsesAt(account: Omit<OwnedAccount, 'id'>, rules: ScoringRules): string | null {
  if (account.owner === null || account.lockedOwner) return null;
  const since = lastFollowUp(account);
  if (since === null) return null;
  const limitDays = account.status !== 'customer' ? rules.ownership.leadLapseDays : rules.ownership.customerLapseDays;
  return new Date(since + limitDays * DAY_MS).toISOString();
}

function lastFollowUp(account: Pick<OwnedAccount, 'lastOwnerActivityAt' | 'ownerSince'>): number | null {
  const times = [timeOf(account.lastOwnerActivityAt), timeOf(account.ownerSince)].filter((t) => !Number.isNaN(t));
  return times.length === 0 ? null : Math.max(...times);
}
