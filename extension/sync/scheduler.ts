import type { LeadcardDb } from '../store/db';
import { META, readMeta, type StoreEnv, writeMeta } from '../store/meta';
import { backoffDelay } from './backoff';
import { ServerError } from './server-error';
import type { Session } from './session';
import { RefusedChangeError, syncOnce } from './sync-client';
import { afterFailure, afterSuccess, initialSyncState, type SyncState } from './sync-state';

/** Alarm names: the periodic sync, and the retry after a failure (alarms survive the service worker stopping). */
export const SYNC_ALARM = 'leadcard-sync';
export const RETRY_ALARM = 'leadcard-sync-retry';
export const SYNC_PERIOD_MINUTES = 1;

export interface SchedulerDeps {
  db: LeadcardDb;
  env: StoreEnv;
  fetch: typeof fetch;
  loadSession: () => Promise<Session | null>;
  /** A number in [0, 1) for the backoff's jitter. */
  random: () => number;
  /** Short waits (the worker is awake); the retry alarm covers the worker being stopped meanwhile. */
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  createAlarm: (name: string, when: number) => void;
}

export async function readSyncState(db: LeadcardDb): Promise<SyncState> {
  return readMeta<SyncState>(db, META.syncState, initialSyncState);
}

/**
 * Runs sync rounds one at a time: `syncNow()` (the popup's button, an alarm), `syncSoon()` (after each local
 * change, debounced), retries with exponential backoff and jitter while the server is away. The state is kept
 * in the store's meta table, where the popup reads it.
 */
export function createSyncScheduler(deps: SchedulerDeps) {
  let running: Promise<SyncState> | null = null;
  let again = false;
  let soonTimer: unknown = null;
  let retryTimer: unknown = null;

  const iso = () => new Date(deps.env.now()).toISOString();
  const save = async (state: SyncState) => {
    await writeMeta(deps.db, META.syncState, state);
    return state;
  };

  async function round(): Promise<SyncState> {
    const previous = await readSyncState(deps.db);
    const current = await deps.loadSession();
    if (!current) return save({ ...initialSyncState, pending: await deps.db.outbox.count() });
    await save({ ...previous, status: 'syncing', pending: await deps.db.outbox.count(), pulled: null });
    try {
      let lastProgress = 0;
      await syncOnce(deps.db, current, {
        fetch: deps.fetch,
        env: deps.env,
        onPullProgress: async (pulled) => {
          // Progress for a long first pull, written every few pages rather than for each one.
          if (pulled - lastProgress >= 5000) {
            lastProgress = pulled;
            await save({ ...(await readSyncState(deps.db)), pulled });
          }
        },
        pause: () => new Promise((resolve) => deps.setTimer(() => resolve(), 0)),
      });
      return save(afterSuccess(previous, await deps.db.outbox.count(), iso()));
    } catch (error) {
      const kind = error instanceof ServerError ? error.kind : 'rejected';
      const reason = error instanceof Error ? error.message : String(error);
      const refusedSeq = error instanceof RefusedChangeError ? error.seq : null;
      // A card the rep lost access to: named, so the popup can say which card's change was refused and why.
      const lost = error instanceof RefusedChangeError && error.lostAccess ? error : null;
      const refusedCard = lost ? (lost.card ?? '') : null;
      const pending = await deps.db.outbox.count();
      const failed = afterFailure(previous, kind, reason, pending, null, refusedSeq, refusedCard, lost?.cardRecords);
      if (kind === 'offline') {
        const delay = backoffDelay(failed.attempt - 1, deps.random());
        const when = deps.env.now() + delay;
        failed.nextAttemptAt = new Date(when).toISOString();
        deps.clearTimer(retryTimer);
        retryTimer = deps.setTimer(() => void syncNow(), delay);
        deps.createAlarm(RETRY_ALARM, when);
      }
      return save(failed);
    }
  }

  /** Runs a round now, or, if one is running, once more after it (a change may have come in meanwhile). */
  function syncNow(): Promise<SyncState> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let state: SyncState;
      do {
        again = false;
        state = await round();
      } while (again);
      return state;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  /** After a local change: sync in a moment, gathering a burst of edits into one push. */
  function syncSoon(delayMs = 1_000) {
    deps.clearTimer(soonTimer);
    soonTimer = deps.setTimer(() => void syncNow(), delayMs);
  }

  function onAlarm(name: string): Promise<SyncState> | undefined {
    if (name === SYNC_ALARM || name === RETRY_ALARM) return syncNow();
    return undefined;
  }

  return { syncNow, syncSoon, onAlarm };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
