import { browser } from 'wxt/browser';
import { mailHandlers } from '../mail-adapters/background-handlers';
import { listenForMessages } from '../messages';
import { findByDomain, findByEmail } from '../store/lookup';
import { browserEnv } from '../store/meta';
import { storeDb } from '../store/open';
import { startCallerId } from '../ui/caller-id';
import { createSyncScheduler, readSyncState, SYNC_ALARM, SYNC_PERIOD_MINUTES } from './scheduler';
import { type KeyValueStorage, loadSession, SESSION_KEY } from './session';

export const localStorageArea: KeyValueStorage = {
  get: (key) => browser.storage.local.get(key),
  set: (items) => browser.storage.local.set(items),
  remove: (key) => browser.storage.local.remove(key),
};

/**
 * The background's whole job: sync on a timer (an alarm, so it survives the service worker stopping), soon
 * after each local change and with backoff while the server is away; caller-ID badges; the message table.
 */
export function startBackground() {
  const db = storeDb();
  const callerId = startCallerId(db);
  const scheduler = createSyncScheduler({
    db,
    env: browserEnv,
    fetch: (input, init) => fetch(input, init),
    loadSession: () => loadSession(localStorageArea),
    random: Math.random,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    createAlarm: (name, when) => void browser.alarms.create(name, { when }),
  });
  const syncThenBadges = async () => {
    const state = await scheduler.syncNow();
    await callerId.refreshAll();
    return state;
  };

  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing)
      void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: 0.1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (scheduler.onAlarm(alarm.name)) void callerId.refreshAll();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SESSION_KEY in changes) void syncThenBadges();
  });

  listenForMessages({
    'sync.now': () => syncThenBadges(),
    'sync.soon': async () => {
      scheduler.syncSoon();
      void callerId.refreshAll();
      return null;
    },
    'session.changed': async () => {
      await syncThenBadges();
      return readSyncState(db);
    },
    'lookup.email': ({ email }) => findByEmail(db, email),
    'lookup.domain': ({ url }) => findByDomain(db, url),
    ...mailHandlers(db, browserEnv, async () => (await loadSession(localStorageArea))?.name ?? null),
  });
  void syncThenBadges();
}
