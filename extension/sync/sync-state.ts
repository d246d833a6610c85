import type { FailureKind } from './server-error';

/**
 * What the popup shows about sync (DESIGN §8): synced · pending N · offline · error with the reason, and when
 * the last sync succeeded. `signed-out` before the rep signs in on the options page.
 */
export interface SyncState {
  status: 'signed-out' | 'syncing' | 'synced' | 'pending' | 'offline' | 'error';
  /** Local changes not yet acknowledged by the server. */
  pending: number;
  /** Why the last attempt failed, in the server's or the network's words. */
  reason: string | null;
  /** `auth`: the rep must sign in again; `rejected`: the server refused a change. */
  failure: FailureKind | null;
  lastSyncAt: string | null;
  /** Failed attempts in a row (drives the backoff). */
  attempt: number;
  nextAttemptAt: string | null;
  /** Records pulled so far in the running sync (first sync of a large team). */
  pulled: number | null;
  /** The seq of the local change the server refused, which the rep may discard. */
  refusedSeq?: number | null;
  /**
   * The card the refused change was to, when the refusal is a 403 (the rep may no longer change it: assigned to
   * a colleague, unshared, moved team): the popup names it, since the pull has just removed it from this browser.
   */
  refusedCard?: string | null;
  /** `entity/id` of that card's records: discarding the refusal drops their other doomed changes too. */
  refusedRecords?: string[] | null;
}

export const initialSyncState: SyncState = {
  status: 'signed-out',
  pending: 0,
  reason: null,
  failure: null,
  lastSyncAt: null,
  attempt: 0,
  nextAttemptAt: null,
  pulled: null,
};

/** After a successful round: synced, or pending when the rep changed something meanwhile. */
export function afterSuccess(state: SyncState, pending: number, nowIso: string): SyncState {
  return {
    ...state,
    status: pending > 0 ? 'pending' : 'synced',
    pending,
    reason: null,
    failure: null,
    lastSyncAt: nowIso,
    attempt: 0,
    nextAttemptAt: null,
    pulled: null,
    refusedSeq: null,
    refusedCard: null,
    refusedRecords: null,
  };
}

/** After a failed round: offline (retry later by itself) or error (the rep must act). */
export function afterFailure(
  state: SyncState,
  failure: FailureKind,
  reason: string,
  pending: number,
  nextAttemptAt: string | null,
  refusedSeq: number | null = null,
  refusedCard: string | null = null,
  refusedRecords: string[] | null = null,
): SyncState {
  return {
    ...state,
    status: failure === 'offline' ? 'offline' : 'error',
    pending,
    reason,
    failure,
    attempt: state.attempt + 1,
    nextAttemptAt,
    pulled: null,
    refusedSeq,
    refusedCard,
    refusedRecords,
  };
}
