import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import type { Mutation } from '../../shared/schema/sync/mutation';
import { recordKeys } from '../lookup-keys';
import { openSqliteStorage, type SqliteStorage } from './sqlite';
import type { User } from './storage';

// A push writes only the key rows that changed, so the incremental rows must always equal the keys
// computed afresh from each record's stored fields.

const at = '2026-11-22T09:00:00.000Z';
const id = (n: number) => `0193a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const SEP = '\u001f';

type Row = { kind: string; value: string; entity: string; id: string; account_id: string | null };

/** The key and search rows a from-scratch indexing of the records table gives. */
function expectedIndex(storage: SqliteStorage) {
  const records = storage.db.prepare('SELECT entity, id, account_id, fields FROM records').all() as {
    entity: 'account' | 'contact';
    id: string;
    account_id: string | null;
    fields: string;
  }[];
  const keys: Row[] = [];
  const search: { entity: string; id: string; account_id: string | null; keys: string }[] = [];
  for (const r of records) {
    const all = recordKeys(r.entity, JSON.parse(r.fields) as Record<string, unknown>);
    for (const k of all.filter((k) => k.kind !== 'search'))
      keys.push({ kind: k.kind, value: k.value, entity: r.entity, id: r.id, account_id: r.account_id });
    const words = all.filter((k) => k.kind === 'search').map((k) => k.value);
    if (words.length > 0)
      search.push({ entity: r.entity, id: r.id, account_id: r.account_id, keys: `${SEP}${words.join(SEP)}${SEP}` });
  }
  return { keys: sortRows(keys), search: sortRows(search) };
}

function storedIndex(storage: SqliteStorage) {
  return {
    keys: sortRows(storage.db.prepare('SELECT kind, value, entity, id, account_id FROM record_keys').all() as Row[]),
    search: sortRows(
      storage.db.prepare('SELECT entity, id, account_id, keys FROM record_search').all() as {
        entity: string;
        id: string;
        account_id: string | null;
        keys: string;
      }[],
    ),
  };
}

const sortRows = <T>(rows: T[]): T[] =>
  rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as T);

describe('push key maintenance (SQLite)', () => {
  let storage: SqliteStorage;
  let root: User;
  let seq = 0;
  let clock = 0;

  beforeEach(async () => {
    storage = openSqliteStorage(':memory:');
    await storage.migrate();
    root = (await storage.createUser({
      id: randomUUID(),
      name: 'root',
      role: 'admin',
      team: null,
      passwordHash: 'h',
      createdAt: at,
    })) as User;
    seq = 0;
    clock = 0;
  });
  afterEach(async () => {
    await storage.close();
  });

  const push = async (changes: Omit<Mutation, 'seq' | 'hlc'>[]) => {
    const mutations = changes.map(
      (m) =>
        ({
          ...m,
          seq: ++seq,
          hlc: encodeHlc({ wall: 1_700_000_000_000 + ++clock, counter: 0, node: 'keys' }),
        }) as Mutation,
    );
    const outcome = await storage.push({ actor: root, clientId: id(0xc1), mutations, now: at, lapseFrom: () => null });
    expect(outcome.kind).toBe('applied');
  };

  it('drops the record index and deletes key rows by their primary key', () => {
    const indexes = storage.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as {
      name: string;
    }[];
    expect(indexes.map((i) => i.name)).not.toContain('record_keys_record');
    const plan = storage.db
      .prepare('EXPLAIN QUERY PLAN DELETE FROM record_keys WHERE kind = ? AND value = ? AND entity = ? AND id = ?')
      .all('email', 'a@x.com', 'contact', id(1)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING PRIMARY KEY');
  });

  it('writes only the keys an edit changes, follows a move to another account, and removes all on delete', async () => {
    await push([
      { entity: 'account', id: id(1), op: 'upsert', fields: { name: '腾达科技', domains: ['tengda.cn'] } },
      { entity: 'account', id: id(2), op: 'upsert', fields: { name: 'Acme', domains: ['acme.com'] } },
      {
        entity: 'contact',
        id: id(3),
        op: 'upsert',
        fields: { accountId: id(1), name: '张三', emails: ['a@tengda.cn', 'b@tengda.cn'] },
      },
    ]);
    expect(storedIndex(storage)).toEqual(expectedIndex(storage));

    await push([{ entity: 'contact', id: id(3), op: 'upsert', fields: { emails: ['b@tengda.cn', 'c@tengda.cn'] } }]);
    const emails = storage.db
      .prepare(`SELECT value FROM record_keys WHERE kind = 'email' AND id = ? ORDER BY value`)
      .all(id(3)) as { value: string }[];
    expect(emails.map((e) => e.value)).toEqual(['b@tengda.cn', 'c@tengda.cn']);

    await push([{ entity: 'contact', id: id(3), op: 'upsert', fields: { accountId: id(2), name: '李四' } }]);
    expect(storedIndex(storage)).toEqual(expectedIndex(storage));
    const accounts = storage.db
      .prepare(
        'SELECT DISTINCT account_id FROM record_keys WHERE id = ? UNION SELECT account_id FROM record_search WHERE id = ?',
      )
      .all(id(3), id(3)) as { account_id: string }[];
    expect(accounts).toEqual([{ account_id: id(2) }]);

    await push([{ entity: 'contact', id: id(3), op: 'delete', fields: {} }]);
    expect(storage.db.prepare('SELECT count(*) AS n FROM record_keys WHERE id = ?').get(id(3))).toEqual({ n: 0 });
    expect(storage.db.prepare('SELECT count(*) AS n FROM record_search WHERE id = ?').get(id(3))).toEqual({ n: 0 });
    expect(storedIndex(storage)).toEqual(expectedIndex(storage));
  });

  it('keeps key rows equal to a from-scratch indexing over any sequence of edits (property)', async () => {
    const ids = [id(11), id(12), id(13), id(14)];
    const accountIds = [id(11), id(12)];
    const list = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 });
    const contactFields = fc.record(
      {
        accountId: fc.constantFrom(...accountIds, id(99)),
        name: fc.constantFrom('张三', '李四', 'Anna Li', ''),
        emails: list(['a@x.com', 'B@x.com', 'c@y.org']),
        phones: list(['+8613800138000', '+8613800138001;ext=12', '+14155550100']),
      },
      { requiredKeys: [] },
    );
    const accountFields = fc.record(
      {
        name: fc.constantFrom('腾达科技有限公司', 'Acme Inc.', 'Acme', '深圳 腾达'),
        domains: list(['acme.com', 'www.acme.com', 'tengda.com.cn']),
        website: fc.constantFrom('https://acme.com/about', 'tengda.cn'),
        phones: list(['+8675588886666', '+14155550100']),
      },
      { requiredKeys: [] },
    );
    const change = fc.oneof(
      fc.record({ slot: fc.constantFrom(0, 1), op: fc.constant('upsert' as const), fields: accountFields }),
      fc.record({ slot: fc.constantFrom(2, 3), op: fc.constant('upsert' as const), fields: contactFields }),
      fc.record({ slot: fc.constantFrom(0, 1, 2, 3), op: fc.constant('delete' as const), fields: fc.constant({}) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        async (batches) => {
          storage.db.exec(
            'DELETE FROM records; DELETE FROM record_keys; DELETE FROM record_search; DELETE FROM accounts',
          );
          for (const changes of batches) {
            await push(
              changes.map((c) => ({
                entity: c.slot < 2 ? ('account' as const) : ('contact' as const),
                id: ids[c.slot] as string,
                op: c.op,
                fields: c.fields,
              })),
            );
            expect(storedIndex(storage)).toEqual(expectedIndex(storage));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
