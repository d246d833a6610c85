import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, mutations } from '../../test/support/app';
import { createApp } from '../app';
import { generateToken, hashToken } from '../auth/secrets';
import { openSqliteStorage } from '../db/sqlite';
import type { Storage } from '../db/storage';
import { makeDeps } from '../deps';
import { reportsReady } from './reports';

/** A promise the test resolves, and one that tells when the code under test first reached it. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const arrived = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const pass = () => {
    reached();
    return opened;
  };
  return { open, arrived, pass };
}

/** The storage with some of its report reads replaced; everything else goes straight to it. */
function withReportReads(storage: Storage, reads: Partial<Pick<Storage, 'reportScan' | 'reportChanges'>>): Storage {
  return new Proxy(storage, {
    get(target, key) {
      if (key === 'reportScan' || key === 'reportChanges') return reads[key] ?? target[key].bind(target);
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The storage with its two report reads held: the first build's table scan until `scan` opens, its catch-up from
 * the change log until `changes` opens.
 */
function heldStorage(storage: Storage) {
  const scan = gate();
  const changes = gate();
  const held = withReportReads(storage, {
    reportScan: async (...args) => {
      await scan.pass();
      return storage.reportScan(...args);
    },
    reportChanges: async (...args) => {
      await changes.pass();
      return storage.reportChanges(...args);
    },
  });
  return { held, scan, changes };
}

/** A fresh storage with one admin and their API token. */
async function storageWithAdmin(now: Date): Promise<{ storage: Storage; token: string }> {
  const storage = openSqliteStorage(':memory:');
  await storage.migrate();
  await storage.createUser({
    id: randomUUID(),
    name: 'admin',
    role: 'admin',
    team: null,
    passwordHash: 'not-a-hash',
    createdAt: now.toISOString(),
  });
  const token = generateToken();
  await storage.createToken({
    id: randomUUID(),
    userName: 'admin',
    kind: 'api',
    hash: hashToken(token),
    label: null,
    createdAt: now.toISOString(),
    expiresAt: null,
  });
  return { storage, token };
}

describe('the report endpoints while their index warms up', () => {
  it('answer 503 warming-up with progress at once, and the data once the first build is done', async () => {
    const now = new Date('2026-11-22T09:00:00.000Z');
    const { storage, token } = await storageWithAdmin(now);
    const { held, scan, changes } = heldStorage(storage);
    const app = createApp(makeDeps(held, { now: () => now }));
    const get = async (path: string) => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
    };

    // Two accounts, one of them edited again: the change log's version runs ahead of the live records.
    const accountId = makeId();
    const account = { hlc: hlcAt(1), entity: 'account' as const, id: accountId, op: 'upsert' as const };
    const push = await app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: '0193a000-0000-7000-8000-000000000001',
        mutations: mutations(1, [
          { ...account, fields: makeAccount({ name: '腾达' }) },
          { ...account, hlc: hlcAt(2), fields: makeAccount({ name: '腾达科技' }) },
          { ...account, hlc: hlcAt(3), id: makeId(), fields: makeAccount({ name: '华为' }) },
        ]),
      }),
    });
    expect(push.status).toBe(200);

    const cold = await get('/api/v1/reports/pipeline');
    expect(cold).toEqual({
      status: 503,
      retryAfter: '2',
      body: {
        error: { code: 'warming-up', message: 'reports are being prepared (0%)', field: null },
        progress: { done: 0, total: 0 },
      },
    });
    // Who am I and the filters' people read no index: the page's frame loads meanwhile.
    expect((await get('/api/v1/reports/me')).status).toBe(200);

    scan.open();
    await changes.arrived; // the table is read; the catch-up after it is held
    const midway = await get('/api/v1/reports/leads');
    expect(midway.status).toBe(503);
    const { done, total } = midway.body.progress;
    expect(done).toBe(2);
    expect(total).toBeGreaterThan(done);
    expect(midway.body.error.message).toBe(`reports are being prepared (${Math.floor((done * 100) / total)}%)`);

    changes.open();
    await reportsReady(held);
    const warm = await get('/api/v1/reports/leads');
    expect(warm.status).toBe(200);
    expect(warm.body.items.map((item: { name: string }) => item.name).sort()).toEqual(['华为', '腾达科技']);
  });

  it('reports a failed first build as an error, then builds again', async () => {
    const now = new Date('2026-11-22T09:00:00.000Z');
    const { storage, token } = await storageWithAdmin(now);
    let broken = true;
    const failing = withReportReads(storage, {
      reportScan: async (...args) => {
        if (broken) throw new Error('disk unplugged');
        return storage.reportScan(...args);
      },
    });
    const app = createApp(makeDeps(failing, { now: () => now }));
    const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });
    expect((await get('/api/v1/reports/pipeline')).status).toBe(503); // the build this request joined fails
    await expect(reportsReady(failing)).rejects.toThrow('disk unplugged');
    expect((await get('/api/v1/reports/pipeline')).status).toBe(500);
    broken = false;
    expect((await get('/api/v1/reports/pipeline')).status).toBe(503); // builds again
    await reportsReady(failing);
    expect((await get('/api/v1/reports/pipeline')).status).toBe(200);
  });
});
