import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openTestDb } from './test-db';

describe('LeadcardDb migrations', () => {
  it('v1 → v2 fills the search keys and next-meeting index of records written by v1', async () => {
    const indexedDB = new IDBFactory();
    // The database as version 1 of the extension left it.
    const v1 = new Dexie('leadcard-migrate', { indexedDB, IDBKeyRange });
    v1.version(1).stores({
      accounts: 'id, *domains, *phones, company, owner, status, updatedAt',
      contacts: 'id, accountId, *emails, *phones, updatedAt',
      activities: 'id, accountId, [accountId+at], updatedAt',
      opportunities: 'id, accountId, status, updatedAt',
      transactions: 'id, accountId, updatedAt',
      complaints: 'id, accountId, updatedAt',
      surveys: 'id, accountId, updatedAt',
      outbox: 'seq, [entity+id]',
      clocks: '[entity+id]',
      meta: 'key',
    });
    await v1.table('accounts').put({ id: 'a1', fields: { name: '深圳市腾达科技有限公司' }, domains: [], phones: [] });
    await v1.table('activities').put({
      id: 'x1',
      fields: { accountId: 'a1', at: '2026-11-20', next: { at: '2026-12-01' } },
      accountId: 'a1',
      at: '2026-11-20',
    });
    v1.close();

    const db = openTestDb('leadcard-migrate', indexedDB);
    expect(await db.accounts.where('search').startsWith('tengda').distinct().primaryKeys()).toEqual(['a1']);
    expect(await db.activities.where('nextAt').equals('2026-12-01').primaryKeys()).toEqual(['x1']);
    expect(db.verno).toBe(2);
    db.close();
  });
});
