import { afterEach, describe, expect, it } from 'vitest';
import type { LeadcardDb } from '../store/db';
import { discardQueuedChange } from '../store/discard';
import { saveLocal } from '../store/local-change';
import { newAccountFields, newContactFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { syncStateText } from '../ui/SyncStatus';
import { fakeSyncServer } from './fake-sync-server';
import { createSyncScheduler } from './scheduler';
import type { Session } from './session';

let db: LeadcardDb;
afterEach(() => db?.close());

function scheduled(refuse: (fields: Record<string, unknown>) => boolean) {
  db = openTestDb();
  const env = testEnv();
  const server = fakeSyncServer({ refuse });
  const scheduler = createSyncScheduler({
    db,
    env,
    fetch: server.fetch,
    loadSession: async () => session,
    random: () => 0.5,
    setTimer: () => 0,
    clearTimer: () => {},
    createAlarm: () => {},
  });
  return { env, server, scheduler };
}

const session: Session = {
  serverUrl: 'http://127.0.0.1:8787',
  name: 'li',
  token: 'token-1',
  signedInAt: '2026-11-22T09:00:00Z',
  version: 1,
};

describe('a change to a card the rep lost', () => {
  it('is refused by the card’s name, in the rep’s language, and the card is gone from this browser', async () => {
    const { env, server, scheduler } = scheduled((fields) => fields.region === '上海');
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: '宁波海天贸易有限公司' }));
    expect((await scheduler.syncNow()).status).toBe('synced');
    const record = server.records.get(`account/${id}`);
    if (!record) throw new Error('the card did not reach the server');
    // Assigned to a colleague: the server now answers this rep with the card's tombstone, and 403 to its edits.
    Object.assign(record, { fields: {}, hlcs: {}, deletedHlc: 'z', version: 50 });
    await saveLocal(db, env, 'account', id, { region: '上海' });

    const state = await scheduler.syncNow();
    expect(state).toMatchObject({
      status: 'error',
      failure: 'rejected',
      refusedSeq: 2,
      refusedCard: '宁波海天贸易有限公司',
    });
    expect(await db.accounts.get(id)).toBeUndefined();
    expect(syncStateText(state, 'en')).toContain('Your change to “宁波海天贸易有限公司” was refused');
    expect(syncStateText(state, 'en')).toContain('you may no longer change this card');
    expect(syncStateText(state, 'zh-CN')).toContain('你对“宁波海天贸易有限公司”的更改被拒绝');
    expect(syncStateText({ ...state, refusedCard: '' }, 'en')).toContain('you may no longer change its card');
    // Any other refusal keeps the server's words.
    expect(syncStateText({ ...state, refusedCard: null }, 'en')).toBe(
      'Sync error: the server refused a change: you may not change this card',
    );
  });

  it('discarding the refusal drops every queued change to the lost card, and the rest syncs', async () => {
    const { env, server, scheduler } = scheduled((fields) => fields.region === '上海' || fields.title === '总监');
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: '宁波海天贸易有限公司' }));
    const { id: contact } = await saveLocal(db, env, 'contact', null, newContactFields({ accountId: id, name: '周' }));
    const { id: other } = await saveLocal(db, env, 'account', null, newAccountFields({ name: '温州东方鞋业' }));
    expect((await scheduler.syncNow()).status).toBe('synced');
    for (const key of [`account/${id}`, `contact/${contact}`])
      Object.assign(server.records.get(key) ?? {}, { fields: {}, hlcs: {}, deletedHlc: 'z', version: 60 });
    await saveLocal(db, env, 'account', id, { region: '上海' });
    await saveLocal(db, env, 'contact', contact, { title: '总监' });
    await saveLocal(db, env, 'account', other, { region: '温州' });

    const state = await scheduler.syncNow();
    expect(state).toMatchObject({ status: 'error', refusedSeq: 4, refusedCard: '宁波海天贸易有限公司' });
    expect(state.refusedRecords).toEqual(expect.arrayContaining([`account/${id}`, `contact/${contact}`]));
    expect(await db.contacts.get(contact)).toBeUndefined();
    expect(await discardQueuedChange(db, 4, new Date(env.now()).toISOString())).toBe(true);
    expect((await db.outbox.orderBy('seq').toArray()).map((m) => [m.seq, m.id])).toEqual([[4, other]]);
    expect((await scheduler.syncNow()).status).toBe('synced');
    expect(server.records.get(`account/${other}`)?.fields.region).toBe('温州');
    expect(await db.accounts.get(id)).toBeUndefined();
  });
});
