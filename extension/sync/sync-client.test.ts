import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadcardDb } from '../store/db';
import { discardQueuedChange } from '../store/discard';
import { saveLocal } from '../store/local-change';
import { META, readMeta } from '../store/meta';
import { newAccountFields, newActivityFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { fakeSyncServer } from './fake-sync-server';
import { ServerError } from './server-error';
import { pullChanges, RefusedChangeError, syncOnce } from './sync-client';

const target = { serverUrl: 'http://127.0.0.1:8787', token: 'token-1' };
const open: LeadcardDb[] = [];
function device(name: string) {
  const db = openTestDb(name);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('syncOnce', () => {
  it('pushes the outbox in batches, drops what is acknowledged, and a second device pulls it all', async () => {
    const server = fakeSyncServer();
    const a = device('a');
    const envA = testEnv(Date.parse('2026-11-22T09:00:00Z'), 1, 1);
    const { id } = await saveLocal(a, envA, 'account', null, newAccountFields({ name: '杭州云帆网络科技有限公司' }));
    for (let i = 0; i < 11; i++)
      await saveLocal(
        a,
        envA,
        'activity',
        null,
        newActivityFields({ accountId: id, type: 'call', at: `2026-11-${10 + i}`, by: 'li', summary: `call ${i}` }),
      );
    const pushedBefore = server.requests;
    const result = await syncOnce(a, target, { fetch: server.fetch, env: envA, pushBatch: 5, pullLimit: 4 });
    expect(result.pushed).toBe(12);
    expect(server.requests - pushedBefore).toBe(3 + 3); // pushes of 5+5+2, pulls of 4+4+4
    expect(await a.outbox.count()).toBe(0);

    const b = device('b');
    const envB = testEnv(Date.parse('2026-11-22T09:00:00Z'), 1, 2);
    const pulled = await syncOnce(b, target, { fetch: server.fetch, env: envB, pullLimit: 5 });
    expect(pulled.pulled).toBe(12);
    expect((await b.accounts.get(id))?.fields.name).toBe('杭州云帆网络科技有限公司');
    expect(await b.activities.where('accountId').equals(id).count()).toBe(11);
    expect(await readMeta(b, META.cursor, 0)).toBe(pulled.cursor);
  });

  it('keeps the outbox when the server is away, and says offline', async () => {
    const server = fakeSyncServer();
    server.online = false;
    const db = device('c');
    const env = testEnv();
    await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    const error = await syncOnce(db, target, { fetch: server.fetch, env }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.kind).toBe('offline');
    expect(await db.outbox.count()).toBe(1);
  });

  it('names the change the server refused, and syncs the rest once it is discarded', async () => {
    const server = fakeSyncServer({ refuse: (fields) => fields.region === 'forbidden' });
    const db = device('f');
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    await saveLocal(db, env, 'account', id, { region: 'forbidden' });
    await saveLocal(db, env, 'account', id, { industry: 'fine' });
    const error = await syncOnce(db, target, { fetch: server.fetch, env }).catch((e) => e);
    expect(error).toBeInstanceOf(RefusedChangeError);
    expect(error.seq).toBe(2);
    expect(await db.outbox.count()).toBe(3);
    await discardQueuedChange(db, error.seq, new Date(env.now()).toISOString());
    await syncOnce(db, target, { fetch: server.fetch, env });
    expect(server.records.get(`account/${id}`)?.fields).toMatchObject({ industry: 'fine', region: null });
    expect((await db.accounts.get(id))?.fields.region).toBeNull();
  });

  it('a change refused with 403 (the rep lost the card) still pulls: the card goes, and the refusal names it', async () => {
    const server = fakeSyncServer({ refuse: (fields) => fields.region === '上海' });
    const db = device('lost');
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: '宁波海天贸易有限公司' }));
    await syncOnce(db, target, { fetch: server.fetch, env });
    // The card is assigned to a colleague: this rep's next pull brings its tombstone.
    const record = server.records.get(`account/${id}`);
    if (!record) throw new Error('the card did not reach the server');
    Object.assign(record, { fields: {}, hlcs: {}, deletedHlc: 'z', version: 100 });
    await saveLocal(db, env, 'account', id, { region: '上海' });

    const error = await syncOnce(db, target, { fetch: server.fetch, env }).catch((e) => e);
    expect(error).toBeInstanceOf(RefusedChangeError);
    expect(error).toMatchObject({ status: 403, seq: 2, entity: 'account', id, card: '宁波海天贸易有限公司' });
    expect(error.lostAccess).toBe(true);
    expect(await db.accounts.get(id)).toBeUndefined();
    expect(await readMeta(db, META.cursor, 0)).toBe(100);
    expect(await db.outbox.count()).toBe(1);
  });

  it('says auth when the token is refused', async () => {
    const server = fakeSyncServer();
    const db = device('d');
    const env = testEnv();
    const error = await syncOnce(db, { ...target, token: 'old' }, { fetch: server.fetch, env }).catch((e) => e);
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('token expired');
  });

  it('a replayed push (the answer was lost) applies once and the outbox still empties', async () => {
    const server = fakeSyncServer();
    const db = device('e');
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Acme' }));
    await saveLocal(db, env, 'account', id, { region: '上海' });
    let dropAnswer = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await server.fetch(input, init);
      if (dropAnswer && String(input).endsWith('/sync/push')) {
        dropAnswer = false;
        throw new TypeError('connection reset');
      }
      return response;
    };
    await expect(syncOnce(db, target, { fetch: lossy, env })).rejects.toThrow('connection reset');
    expect(await db.outbox.count()).toBe(2);
    await syncOnce(db, target, { fetch: lossy, env });
    expect(await db.outbox.count()).toBe(0);
    expect(server.records.get(`account/${id}`)?.fields.region).toBe('上海');
  });
});

type Step =
  | { kind: 'edit'; device: number; field: 'region' | 'industry' | 'address'; value: string }
  | { kind: 'sync'; device: number }
  | { kind: 'pull'; device: number }
  | { kind: 'toggle' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    device: fc.nat(2),
    field: fc.constantFrom('region' as const, 'industry' as const, 'address' as const),
    value: fc.string({ minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), device: fc.nat(2) }),
  fc.record({ kind: fc.constant('pull' as const), device: fc.nat(2) }),
  fc.constant({ kind: 'toggle' as const }),
);

describe.each([
  { server: 'sends field HLCs', withoutHlcs: false },
  { server: 'sends no field HLCs (older server)', withoutHlcs: true },
])('replicas, when the server $server,', ({ withoutHlcs }) => {
  it('converge, and a pull overwrites a local unsynced value only with a newer one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), fc.nat(1000), async (steps, seed) => {
        const server = fakeSyncServer({ withoutHlcs });
        const start = Date.parse('2026-11-22T09:00:00Z');
        // Three devices with skewed clocks (one 5 minutes behind): LWW by HLC must still converge.
        const devices = [0, 1, 2].map((i) => ({
          db: openTestDb(`p${seed}-${i}-${withoutHlcs}`),
          env: testEnv(start - (i === 2 ? 300_000 : 0), 7 + i, seed + i + 1),
        }));
        const first = devices[0]!;
        const { id } = await saveLocal(first.db, first.env, 'account', null, newAccountFields({ name: 'Acme' }));
        await syncOnce(first.db, target, { fetch: server.fetch, env: first.env });
        for (const d of devices.slice(1)) await syncOnce(d.db, target, { fetch: server.fetch, env: d.env });

        for (const step of steps) {
          if (step.kind === 'toggle') {
            server.online = !server.online;
            continue;
          }
          const d = devices[step.device]!;
          if (step.kind === 'edit') {
            await saveLocal(d.db, d.env, 'account', id, { [step.field]: step.value });
            continue;
          }
          const options = { fetch: server.fetch, env: d.env, pushBatch: 2, pullLimit: 2 };
          const synced = await (step.kind === 'sync'
            ? syncOnce(d.db, target, options)
            : pullChanges(d.db, target, options)
          )
            .then(() => true)
            .catch((e) => {
              if (!(e instanceof ServerError && e.kind === 'offline')) throw e;
              return false;
            });
          // What this device still has queued is what it shows, unless the pull just showed a newer write of it.
          const pending = await d.db.outbox.orderBy('seq').toArray();
          const local = await d.db.accounts.get(id);
          const lastQueued = new Map<string, { value: unknown; hlc: string }>();
          for (const m of pending)
            for (const [field, value] of Object.entries(m.fields)) lastQueued.set(field, { value, hlc: m.hlc });
          const onServer = server.records.get(`account/${id}`);
          for (const [field, queued] of lastQueued) {
            const newer = synced && !withoutHlcs && (onServer?.hlcs[field] ?? '') > queued.hlc;
            expect(local?.fields[field]).toEqual(newer ? onServer?.fields[field] : queued.value);
          }
        }

        server.online = true;
        for (let round = 0; round < 2; round++)
          for (const d of devices) await syncOnce(d.db, target, { fetch: server.fetch, env: d.env });
        const truth = server.records.get(`account/${id}`)?.fields;
        for (const d of devices) {
          expect(await d.db.outbox.count()).toBe(0);
          expect((await d.db.accounts.get(id))?.fields).toEqual(truth);
          d.db.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
