import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/schema/sync/pull';
import type { LeadcardDb } from './db';
import { deleteLocal, saveLocal } from './local-change';
import { META, readMeta } from './meta';
import { newAccountFields } from './new-records';
import { applyPulledChanges, newestPulledHlc } from './pulled-changes';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
afterEach(() => db?.close());
const NOW = '2026-11-22T10:00:00.000Z';
const serverState = (id: string, fields: Record<string, unknown>, version = 7): Change => ({
  entity: 'account',
  id,
  version,
  deleted: false,
  fields: { ...newAccountFields({ name: 'Acme' }), owner: 'li', grades: null, ...fields },
});

describe('applyPulledChanges', () => {
  it('takes the whole server state, server-owned fields included, and keeps the cursor with it', async () => {
    db = openTestDb();
    const id = '01935240-5400-7000-8000-000000000001';
    await applyPulledChanges(db, [serverState(id, { domains: ['acme.com'] })], 7, NOW);
    const record = await db.accounts.get(id);
    expect(record?.fields.owner).toBe('li');
    expect(record?.domains).toEqual(['acme.com']);
    expect(record?.base).toBeUndefined();
    expect(await readMeta(db, META.cursor, 0)).toBe(7);
  });

  it('a pulled older value never overwrites a local unsynced one; other fields follow the server', async () => {
    db = openTestDb();
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme', region: '北京' }));
    await db.outbox.delete(1); // the server acknowledged the creation: only the next edit is unsynced
    await saveLocal(db, env, 'account', id, { region: '上海' });
    await applyPulledChanges(db, [serverState(id, { region: '广州', industry: '零售' })], 9, NOW);
    const record = await db.accounts.get(id);
    expect(record?.fields.region).toBe('上海');
    expect(record?.fields.industry).toBe('零售');
    expect(record?.base?.region).toBe('广州');
  });

  it('tombstones for a card the rep lost (it and its children) remove it all and queue nothing', async () => {
    db = openTestDb();
    const env = testEnv();
    const id = '01935240-5400-7000-8000-0000000000a1';
    const contact = '01935240-5400-7000-8000-0000000000c1';
    const visit = '01935240-5400-7000-8000-0000000000d1';
    const child = (entity: Change['entity'], childId: string, version: number): Change => ({
      entity,
      id: childId,
      version,
      deleted: false,
      fields: { accountId: id, name: '周经理', type: 'visit', at: NOW, by: 'li', summary: '面访' },
    });
    await applyPulledChanges(
      db,
      [serverState(id, {}, 1), child('contact', contact, 2), child('activity', visit, 3)],
      3,
      NOW,
    );
    // A local edit of another card is queued: the tombstones must leave it as it is, and add nothing.
    const { id: other } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Beta' }));
    const queued = await db.outbox.toArray();
    const gone = (entity: Change['entity'], goneId: string, version: number): Change => ({
      entity,
      id: goneId,
      version,
      deleted: true,
      fields: {},
      hlcs: {},
    });
    await applyPulledChanges(
      db,
      [gone('account', id, 7), gone('contact', contact, 8), gone('activity', visit, 9)],
      9,
      NOW,
    );
    expect(await db.accounts.get(id)).toBeUndefined();
    expect(await db.contacts.get(contact)).toBeUndefined();
    expect(await db.activities.get(visit)).toBeUndefined();
    expect(await db.outbox.toArray()).toEqual(queued);
    expect(await db.accounts.get(other)).toBeDefined();
    expect(await readMeta(db, META.cursor, 0)).toBe(9);
  });

  it('a tombstone removes the record; a queued local delete keeps it removed', async () => {
    db = openTestDb();
    const env = testEnv();
    const id = '01935240-5400-7000-8000-000000000002';
    await applyPulledChanges(db, [serverState(id, {})], 1, NOW);
    await applyPulledChanges(db, [{ entity: 'account', id, version: 2, deleted: true, fields: {} }], 2, NOW);
    expect(await db.accounts.get(id)).toBeUndefined();

    const { id: other } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Beta' }));
    await deleteLocal(db, env, 'account', other);
    await applyPulledChanges(db, [serverState(other, { name: 'Beta' }, 3)], 3, NOW);
    expect(await db.accounts.get(other)).toBeUndefined();
  });

  // The local edit below is stamped at 2026-11-22T09:00:00.00x (testEnv); the server's write of `region` is
  // older, the very same write (equal HLC: acknowledged and pulled back) or newer (another device's later edit).
  it.each([
    { server: 'older', regionHlc: '001795337999000:00000:dev2', shows: '上海' },
    { server: 'absent (no HLC for the field)', regionHlc: undefined, shows: '上海' },
    { server: 'the same write', regionHlc: 'same', shows: '广州' },
    { server: 'newer', regionHlc: '001795338000500:00000:dev2', shows: '广州' },
  ])(
    'a pulled field whose HLC is $server than the unsynced local write: shows $shows',
    async ({ regionHlc, shows }) => {
      db = openTestDb();
      const env = testEnv();
      const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme', region: '北京' }));
      await db.outbox.delete(1);
      const { hlc } = await saveLocal(db, env, 'account', id, { region: '上海' });
      const hlcs: Record<string, string> = { industry: '001795337000000:00000:dev2' };
      if (regionHlc !== undefined) hlcs.region = regionHlc === 'same' ? hlc : regionHlc;
      await applyPulledChanges(db, [{ ...serverState(id, { region: '广州', industry: '零售' }), hlcs }], 9, NOW);
      const record = await db.accounts.get(id);
      expect(record?.fields.region).toBe(shows);
      expect(record?.fields.industry).toBe('零售');
      // The outbox still holds the edit, so the server's state is kept as the base until it is acknowledged.
      expect(record?.base?.region).toBe('广州');
    },
  );

  it.each([
    { page: 'field HLCs', hlcs: [{ a: 'x1' }, { b: 'x3', c: 'x2' }], fallback: 'x9', newest: 'x3' },
    { page: 'a change without HLCs (older server)', hlcs: [{ a: 'x1' }, undefined], fallback: 'x9', newest: 'x9' },
    { page: 'no HLCs and no server clock', hlcs: [undefined], fallback: undefined, newest: undefined },
    { page: 'nothing', hlcs: [], fallback: 'x9', newest: undefined },
  ])('the newest HLC a page shows, with $page, is $newest', ({ hlcs, fallback, newest }) => {
    const changes = (hlcs as (Record<string, string> | undefined)[]).map(
      (h, i): Change => ({
        ...serverState(`01935240-5400-7000-8000-00000000001${i}`, {}),
        ...(h ? { hlcs: h } : {}),
      }),
    );
    expect(newestPulledHlc(changes, fallback)).toBe(newest);
  });

  it('of several versions of one record in a page, the highest wins', async () => {
    db = openTestDb();
    const id = '01935240-5400-7000-8000-000000000003';
    await applyPulledChanges(db, [serverState(id, { region: 'b' }, 5), serverState(id, { region: 'a' }, 4)], 5, NOW);
    expect((await db.accounts.get(id))?.fields.region).toBe('b');
  });
});
