import { afterEach, describe, expect, it } from 'vitest';
import { pushRequest } from '../../shared/schema/sync/push';
import type { LeadcardDb } from './db';
import { discardQueuedChange } from './discard';
import { saveLocal } from './local-change';
import { newAccountFields } from './new-records';
import { applyPulledChanges } from './pulled-changes';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
afterEach(() => db?.close());
const NOW = '2026-11-22T10:00:00.000Z';

describe('discardQueuedChange', () => {
  it('drops the refused change, keeps seqs contiguous and returns the card to the server state', async () => {
    db = openTestDb();
    const env = testEnv();
    const id = '01935240-5400-7000-8000-000000000001';
    await applyPulledChanges(
      db,
      [
        {
          entity: 'account',
          id,
          version: 3,
          deleted: false,
          fields: { ...newAccountFields({ name: 'Acme', region: '北京' }), owner: 'wang' },
        },
      ],
      3,
      NOW,
    );
    const { id: mine } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Mine' }));
    await saveLocal(db, env, 'account', id, { region: '上海' }); // seq 2: refused (wang owns it)
    await saveLocal(db, env, 'account', mine, { region: '广州' });
    expect(await discardQueuedChange(db, 2, NOW)).toBe(true);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((m) => [m.seq, m.id])).toEqual([
      [1, mine],
      [2, mine],
    ]);
    expect(pushRequest.safeParse({ clientId: '01935240-5400-7000-8000-0000000000ff', mutations: outbox }).success).toBe(
      true,
    );
    expect((await db.accounts.get(id))?.fields.region).toBe('北京');
    expect((await saveLocal(db, env, 'account', mine, { industry: 'x' })).seq).toBe(3);
  });

  it('a refused creation removes the card that only ever existed here', async () => {
    db = openTestDb();
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Dup' }));
    await discardQueuedChange(db, 1, NOW);
    expect(await db.accounts.get(id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await discardQueuedChange(db, 1, NOW)).toBe(false);
  });

  it('later queued edits of the same card stay on top of the server state', async () => {
    db = openTestDb();
    const env = testEnv();
    const id = '01935240-5400-7000-8000-000000000002';
    await applyPulledChanges(
      db,
      [
        {
          entity: 'account',
          id,
          version: 1,
          deleted: false,
          fields: newAccountFields({ name: 'Acme', region: 'a', industry: 'b' }),
        },
      ],
      1,
      NOW,
    );
    await saveLocal(db, env, 'account', id, { region: 'refused' });
    await saveLocal(db, env, 'account', id, { industry: 'kept' });
    await discardQueuedChange(db, 1, NOW);
    const record = await db.accounts.get(id);
    expect(record?.fields).toMatchObject({ region: 'a', industry: 'kept' });
    expect(record?.base).toMatchObject({ region: 'a', industry: 'b' });
  });
});
