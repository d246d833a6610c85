import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushRequest } from '../../shared/schema/sync/push';
import { openSqliteStorage } from '../db/sqlite';
import { DEMO_USERS, demoDataset } from './generate';
import { seedDemo } from './seed';

const NOW = new Date('2026-06-15T08:00:00.000Z');

describe('demoDataset', () => {
  it('is reproducible: the same seed and now give the same records, another seed others', () => {
    const a = demoDataset({ seed: 7, accounts: 40, now: NOW });
    const b = demoDataset({ seed: 7, accounts: 40, now: NOW });
    const c = demoDataset({ seed: 8, accounts: 40, now: NOW });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.batches)).not.toBe(JSON.stringify(c.batches));
  });

  it('has Chinese and English companies, two teams with a manager each, and every stage', () => {
    const data = demoDataset({ seed: 1, accounts: 200, now: NOW });
    const names = data.batches
      .flatMap((b) => b.mutations.filter((m) => m.entity === 'account'))
      .map((m) => m.fields.name as string);
    expect(names.length).toBe(200);
    expect(names.some((name) => /有限公司$/.test(name))).toBe(true);
    expect(names.some((name) => /(Inc|Ltd|LLC|GmbH|Co)$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(200);
    const managers = DEMO_USERS.filter((u) => u.role === 'manager').map((u) => u.team);
    expect(managers.sort()).toEqual(['East', 'West']);
    const stages = new Set(
      data.batches.flatMap((b) => b.mutations.filter((m) => m.entity === 'opportunity').map((m) => m.fields.stage)),
    );
    expect([...stages].sort()).toEqual(
      ['bidding', 'development', 'implementation', 'initiation', 'lost', 'negotiation', 'proposal'].sort(),
    );
    const times = data.batches.flatMap((b) =>
      b.mutations.filter((m) => m.entity === 'transaction').map((m) => Date.parse(m.fields.at as string)),
    );
    expect(NOW.getTime() - Math.min(...times)).toBeGreaterThan(300 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('always makes valid pushes whose children follow their account (any seed, any size)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 30 }), (seed, accounts) => {
        const data = demoDataset({ seed, accounts, now: NOW });
        for (const batch of data.batches) {
          const parsed = pushRequest.safeParse({
            clientId: '0190a000-0000-7000-8000-000000000001',
            mutations: batch.mutations,
          });
          if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
          const seen = new Set<string>();
          for (const m of batch.mutations) {
            if (m.entity === 'account') seen.add(m.id);
            else expect(seen.has(m.fields.accountId as string)).toBe(true);
          }
        }
        expect(data.counts.account).toBe(accounts);
      }),
      { numRuns: 25 },
    );
  });
});

describe('seedDemo', () => {
  it('writes through the push path, grades every account, pools some leads, and refuses a second run', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.migrate();
    try {
      const result = await seedDemo(storage, { seed: 3, accounts: 60, now: NOW, force: false });
      if (result === 'not-empty') throw new Error('refused a fresh database');
      expect(result.firstAdmin?.name).toBe('admin');
      expect(result.users.map((u) => u.name)).toEqual(DEMO_USERS.map((u) => u.name));
      expect(result.users.every((u) => (u.password ?? '').length === 20)).toBe(true);
      const ids = await storage.accountIds();
      expect(ids.length).toBe(60);
      const accounts = await Promise.all(ids.map((id) => storage.account(id)));
      expect(accounts.every((a) => a?.grades?.score.band !== undefined)).toBe(true);
      expect(accounts.filter((a) => a?.ownership.owner === null).length).toBe(result.pool);
      const reps = new Set(DEMO_USERS.filter((u) => u.role === 'rep').map((u) => u.name));
      expect(accounts.every((a) => a?.ownership.owner === null || reps.has(a?.ownership.owner ?? ''))).toBe(true);
      // Customers with a year of purchases have population grades after the batch.
      expect(accounts.some((a) => a?.grades?.rfm !== null)).toBe(true);
      expect(await seedDemo(storage, { seed: 3, accounts: 60, now: NOW, force: false })).toBe('not-empty');
      const again = await seedDemo(storage, { seed: 3, accounts: 60, now: NOW, force: true });
      if (again === 'not-empty') throw new Error('--force refused');
      expect(again.users.every((u) => u.password === null)).toBe(true);
      // Same seed: the same ids merge into the same cards instead of duplicating them.
      expect((await storage.accountIds()).length).toBe(60);
    } finally {
      await storage.close();
    }
  }, 60_000);
});
