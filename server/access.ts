import type { AccountOwnership, User } from './db/storage';

/**
 * Who may see an account (DESIGN §8): a rep the accounts they own, those shared with them or their team, and
 * their team's public pool (公海, no owner); a manager their team's (and any they own); an admin all.
 * Child entities follow their account. The SQL filter in db/sqlite.ts mirrors this function; the storage
 * suite checks that they agree.
 */
export function canSee(actor: User, ownership: AccountOwnership): boolean {
  if (actor.role === 'admin') return true;
  if (ownership.owner === actor.name) return true;
  const sameTeam = actor.team !== null && ownership.team === actor.team;
  if (sameTeam && (actor.role === 'manager' || ownership.owner === null)) return true;
  return (
    ownership.sharedWith.includes(actor.name) ||
    (actor.team !== null && ownership.sharedWith.includes(`team:${actor.team}`))
  );
}

/** Writing follows seeing: whoever may see a card may edit it (ownership changes have their own endpoints). */
export const canWrite = canSee;

/** A manager of the account's team, or an admin: may assign, lock, release any account of the team. */
export function canManage(actor: User, ownership: AccountOwnership): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && actor.team !== null && ownership.team === actor.team;
}
