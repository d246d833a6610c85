import { clashes, pendingChecks } from '../clip/pending-check';
import type { LeadcardDb } from '../store/db';

/**
 * A clipped card the push holds back (outbox-hold.ts), and why: its duplicate check has not been answered yet
 * (`checking`), or the check found a colleague's protected customer and the rep has not decided (`clash`).
 */
export interface HeldCard {
  accountId: string;
  /** The card's name as stored now (the rep may have renamed it since the clip); null when it has none. */
  name: string | null;
  reason: 'checking' | 'clash';
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * The held cards, for the popup's sync status: read-only, the same lists the push holds back by
 * (pending-check.ts `heldAccounts`). A card deleted meanwhile is left out: it has nothing left to push.
 */
export async function heldCards(db: LeadcardDb): Promise<HeldCard[]> {
  const waiting = [
    ...(await clashes(db)).map((entry) => ({ entry, reason: 'clash' as const })),
    ...(await pendingChecks(db)).map((entry) => ({ entry, reason: 'checking' as const })),
  ];
  const held: HeldCard[] = [];
  const seen = new Set<string>();
  for (const { entry, reason } of waiting) {
    // A clash outranks a check (the rep must act); one line per card.
    if (seen.has(entry.accountId)) continue;
    const account = await db.accounts.get(entry.accountId);
    if (!account) continue;
    seen.add(entry.accountId);
    held.push({ accountId: entry.accountId, name: text(account.fields.name) ?? entry.org ?? entry.name, reason });
  }
  return held;
}
