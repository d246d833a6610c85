import type { AccountOwnership, Role } from '../db/storage';

/**
 * Access loss (DESIGN §8 "a rep never receives a record they may not see", §11): when an account leaves what a
 * user may see, the user's next pull must tombstone their copy of it and its children, or the extension keeps it
 * forever. Storage records each loss in the transaction that causes it (an ownership change, or a user moving
 * team or role), one entry per record with a version of its own, and the pull sends an entry as `deleted: true`
 * to a caller who saw the account before the change and does not see it now (a caller who regained it since gets
 * the records themselves instead: regaining bumps them to newer versions).
 */

type Readers = Pick<AccountOwnership, 'owner' | 'team' | 'sharedWith'>;

/**
 * Whether going from `before` to `after` can take the account away from someone: a new owner (the old one, or
 * the team's reps when it leaves the pool 公海), a new team, or a share withdrawn. A lock, unlock or a new lapse
 * date changes no reader, and then nothing is recorded.
 *
 * @example removesReaders({ owner: 'li', team: 'east', sharedWith: [] }, { owner: 'wang', team: 'east', sharedWith: [] }) // true
 */
export function removesReaders(before: Readers, after: Readers): boolean {
  if (before.owner !== after.owner || before.team !== after.team) return true;
  return before.sharedWith.some((grantee) => !after.sharedWith.includes(grantee));
}

/** What decides what a user sees (access.ts canSee): moving team or role may take accounts away. */
export interface UserAccess {
  name: string;
  role: Role;
  team: string | null;
}

/** Whether a user's move can take accounts away from them: an admin sees everything, so becoming one cannot. */
export function userMoveRemovesAccess(before: UserAccess, after: Pick<UserAccess, 'role' | 'team'>): boolean {
  if (after.role === 'admin') return false;
  return before.role !== after.role || before.team !== after.team;
}
