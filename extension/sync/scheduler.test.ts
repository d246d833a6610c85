import { afterEach, describe, expect, it } from 'vitest';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import { newAccountFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { fakeSyncServer } from './fake-sync-server';
import { createSyncScheduler, RETRY_ALARM, readSyncState } from './scheduler';
import type { Session } from './session';

let db: LeadcardDb;
afterEach(() => db?.close());

const signedIn: Session = {
  serverUrl: 'http://127.0.0.1:8787',
  name: 'li',
  token: 'token-1',
  signedInAt: '2026-11-22T09:00:00Z',
  version: 1,
};

function setup(session: Session | null) {
  db = openTestDb();
  const env = testEnv();
  const server = fakeSyncServer();
  const alarms: { name: string; when: number }[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const scheduler = createSyncScheduler({
    db,
    env,
    fetch: server.fetch,
    loadSession: async () => session,
    random: () => 0.5,
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => {},
    createAlarm: (name, when) => alarms.push({ name, when }),
  });
  return { env, server, alarms, timers, scheduler };
}

describe('sync scheduler', () => {
  it('backs off while the server is away, then syncs and says when', async () => {
    const { env, server, alarms, timers, scheduler } = setup(signedIn);
    await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    server.online = false;
    const first = await scheduler.syncNow();
    expect(first).toMatchObject({ status: 'offline', pending: 1, attempt: 1, failure: 'offline' });
    const second = await scheduler.syncNow();
    expect(second.attempt).toBe(2);
    // 2 s then 4 s ceilings, half fixed and half jitter (random 0.5): 1.5 s, 3 s.
    expect(timers.map((t) => t.ms)).toEqual([1500, 3000]);
    expect(alarms.map((a) => a.name)).toEqual([RETRY_ALARM, RETRY_ALARM]);
    expect(Date.parse(second.nextAttemptAt ?? '')).toBe(alarms[1]?.when);

    server.online = true;
    const after = await scheduler.onAlarm(RETRY_ALARM);
    expect(after).toMatchObject({ status: 'synced', pending: 0, attempt: 0, reason: null });
    expect(after?.lastSyncAt).not.toBeNull();
    expect(await readSyncState(db)).toEqual(after);
  });

  it('says plainly when the rep must sign in again, and does not retry on its own', async () => {
    const { timers, scheduler } = setup({ ...signedIn, token: 'revoked' });
    const state = await scheduler.syncNow();
    expect(state).toMatchObject({ status: 'error', failure: 'auth', reason: 'token expired' });
    expect(timers).toEqual([]);
  });

  it('is signed out without a session, counting what waits to be pushed', async () => {
    const { env, scheduler } = setup(null);
    await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    expect(await scheduler.syncNow()).toMatchObject({ status: 'signed-out', pending: 1 });
  });

  it('runs one round at a time: calls during a round get one more round after it', async () => {
    const { server, scheduler } = setup(signedIn);
    const before = server.requests;
    await Promise.all([scheduler.syncNow(), scheduler.syncNow(), scheduler.syncNow()]);
    // Two rounds (the running one and one more), each a single empty pull.
    expect(server.requests - before).toBe(2);
  });
});
