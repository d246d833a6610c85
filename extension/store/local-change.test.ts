import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { pushRequest } from '../../shared/schema/sync/push';
import type { LeadcardDb } from './db';
import { deleteLocal, InvalidChangeError, saveLocal } from './local-change';
import { newAccountFields, newContactFields } from './new-records';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
afterEach(() => db?.close());

describe('saveLocal', () => {
  it('stores the record and queues its mutation together, seq from 1, per-field HLCs', async () => {
    db = openTestDb();
    const env = testEnv();
    const created = await saveLocal(db, env, 'account', null, newAccountFields({ name: '深圳市腾达科技有限公司' }));
    const updated = await saveLocal(db, env, 'account', created.id, { industry: '制造业', employees: 320 });
    expect([created.seq, updated.seq]).toEqual([1, 2]);
    expect(updated.hlc > created.hlc).toBe(true);
    const record = await db.accounts.get(created.id);
    expect(record?.fields).toMatchObject({ name: '深圳市腾达科技有限公司', industry: '制造业', employees: 320 });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((m) => [m.seq, m.op, Object.keys(m.fields).length])).toEqual([
      [1, 'upsert', 23],
      [2, 'upsert', 2],
    ]);
    const clocks = await db.clocks.get(['account', created.id]);
    expect(clocks?.hlcs.name).toBe(created.hlc);
    expect(clocks?.hlcs.industry).toBe(updated.hlc);
  });

  it.each([
    ['an unknown field', { nickname: 'x' }, ''],
    ['a malformed phone', { phones: ['0755 8888'] }, 'phones.0'],
    ['a server-owned field', { owner: 'li' }, ''],
    ['an empty name', { name: '  ' }, 'name'],
  ])('refuses %s and writes nothing', async (_, patch, field) => {
    db = openTestDb();
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    const error = await saveLocal(db, env, 'account', id, patch).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidChangeError);
    if (field) expect(error.field).toBe(field);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.accounts.get(id))?.fields.name).toBe('Acme');
  });

  it('a failing write leaves neither the record nor the mutation (one transaction)', async () => {
    db = openTestDb();
    const env = testEnv();
    // A contact for an id that does not exist yet is fine (its account may arrive later); an update of a missing
    // record is not, and must not consume a seq.
    await expect(saveLocal(db, env, 'contact', '01935240-5400-7000-8000-000000000999', { name: 'x' })).rejects.toThrow(
      InvalidChangeError,
    );
    const { seq } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    expect(seq).toBe(1);
  });

  it('deletes with a tombstone mutation', async () => {
    db = openTestDb();
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    await deleteLocal(db, env, 'account', id);
    expect(await db.accounts.get(id)).toBeUndefined();
    expect((await db.outbox.get(2))?.op).toBe('delete');
    expect((await db.outbox.get(2))?.fields).toEqual({});
  });

  it('any sequence of writes gives a contiguous outbox the server schema accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant('create' as const), fc.string({ minLength: 1, maxLength: 20 })), {
          minLength: 1,
          maxLength: 15,
        }),
        async (steps) => {
          const local = openTestDb();
          const env = testEnv();
          let lastId: string | null = null;
          for (const step of steps) {
            if (step === 'create' || lastId === null) {
              lastId = (await saveLocal(local, env, 'account', null, newAccountFields({ name: 'Acme' }))).id;
            } else {
              await saveLocal(local, env, 'account', lastId, { region: step });
            }
          }
          const mutations = await local.outbox.orderBy('seq').toArray();
          const clientId = (await local.meta.get('clientId'))?.value as string;
          expect(mutations.map((m) => m.seq)).toEqual(steps.map((_, i) => i + 1));
          expect(pushRequest.safeParse({ clientId, mutations }).success).toBe(true);
          const hlcs = mutations.map((m) => m.hlc);
          expect([...hlcs].sort()).toEqual(hlcs);
          local.close();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('concurrent writes from two callers still get distinct contiguous seqs', async () => {
    db = openTestDb();
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        saveLocal(db, env, 'contact', null, newContactFields({ accountId: id, name: `Contact ${i}` })),
      ),
    );
    const seqs = (await db.outbox.orderBy('seq').primaryKeys()).map(Number);
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });
});
