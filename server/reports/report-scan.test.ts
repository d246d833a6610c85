import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import type { EntityName } from '../../shared/schema/entities';
import type { Change } from '../../shared/schema/sync/pull';
import { openSqliteStorage } from '../db/sqlite';
import type { User } from '../db/storage';
import { seedDemo } from '../demo/seed';
import { KEPT, type ReportEntity, ReportIndex } from './report-index';

const NOW = new Date('2026-06-15T08:00:00.000Z');
const admin: User = { id: 'root', name: 'root', role: 'admin', team: null, createdAt: '2026-01-01T00:00:00Z' };
const keyOf = (change: Change) => `${change.entity}/${change.id}`;

describe('Storage.reportScan, the first build read', () => {
  it('answers each record as reportChanges does, children read without the accounts join', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.migrate();
    await seedDemo(storage, { seed: 5, accounts: 25, now: NOW, force: false });
    const logged = new Map((await storage.reportChanges(0, 1_000_000, KEPT)).map((c) => [keyOf(c), c]));

    // A small chunk, so that chunks end inside an entity and at the boundary between two.
    const scanned: Change[] = [];
    let after: { entity: EntityName; id: string } | null = null;
    for (;;) {
      const chunk = await storage.reportScan(after, 7, KEPT);
      scanned.push(...chunk.changes);
      const last = chunk.changes.at(-1);
      if (!last || chunk.changes.length < 7) break;
      after = { entity: last.entity, id: last.id };
    }

    expect(new Set(scanned.map((c) => c.entity))).toEqual(new Set(Object.keys(KEPT)));
    expect(scanned.length).toBe(logged.size);
    for (const change of scanned) {
      expect(change).toEqual(logged.get(keyOf(change)));
      const keys = Object.keys(change.fields);
      if (change.entity === 'account') expect(keys).toContain('owner');
      else {
        // Only kept fields: no ownership columns leak into a child's fields.
        expect(keys.every((key) => KEPT[change.entity as keyof typeof KEPT].includes(key))).toBe(true);
        expect(typeof change.fields.accountId).toBe('string');
      }
    }
    await storage.close();
  });
});

describe('ReportIndex over a slim reader, keeping its fields objects as they are', () => {
  it('holds the same rows and facts as an index that copies the kept fields, before and after a change', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.migrate();
    await seedDemo(storage, { seed: 7, accounts: 20, now: NOW, force: false });
    const read = (after: number, max: number) => storage.reportChanges(after, max, KEPT);
    const scan = (after: { entity: EntityName; id: string } | null, max: number) =>
      storage.reportScan(after, max, KEPT);
    const copying = new ReportIndex(read, 50, scan);
    const keeping = new ReportIndex(read, 50, scan, true);
    const same = () => {
      for (const entity of Object.keys(KEPT) as ReportEntity[])
        expect(keeping.rows(admin, entity, {})).toEqual(copying.rows(admin, entity, {}));
      expect(keeping.shared()).toEqual(copying.shared());
    };
    await copying.refresh();
    await keeping.refresh();
    expect(keeping.rows(admin, 'activity', {}).length).toBeGreaterThan(0);
    same();

    // Facts computed once, then an edit moves a transaction's amount: both catch up alike.
    const [edited] = copying.rows(admin, 'transaction', {});
    if (!edited?.owner) throw new Error('expected an owned transaction');
    const { passwordHash: _secret, ...actor } = (await storage.userByName(edited.owner)) as User & {
      passwordHash: string;
    };
    const hlc = encodeHlc({ wall: NOW.getTime() + 60_000, counter: 0, node: 'test' });
    const outcome = await storage.push({
      actor,
      clientId: '0193a000-0000-7000-8000-00000000c0df',
      mutations: [{ seq: 1, hlc, entity: 'transaction', id: edited.id, op: 'upsert', fields: { amount: 98_765 } }],
      now: NOW.toISOString(),
      lapseFrom: () => null,
    });
    expect(outcome.kind).toBe('applied');
    await copying.refresh();
    await keeping.refresh();
    expect(keeping.record('transaction', edited.id)?.fields.amount).toBe(98_765);
    same();
    await storage.close();
  });
});
