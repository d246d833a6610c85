import { afterEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import type { ClipExtras } from '../clip/clip-draft';
import {
  CLASH_DECISIONS_KEY,
  clashes,
  keepClashingCard,
  pendingChecks,
  removeClashingCard,
} from '../clip/pending-check';
import { clipInterests, saveClip } from '../clip/save-clip';
import type { LeadcardDb } from '../store/db';
import { readMeta } from '../store/meta';
import { openTestDb, testEnv } from '../store/test-db';
import { runPendingChecks } from './clash-check';
import { fakeSyncServer } from './fake-sync-server';
import { ServerError } from './server-error';
import { syncOnce } from './sync-client';

const target = { serverUrl: 'http://127.0.0.1:8787/', token: 'token-1' };
const candidate = (overrides: Partial<Candidate> = {}): Candidate => ({
  name: '张伟',
  title: '销售总监',
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn'],
  phones: ['+8613800138000'],
  website: 'https://www.hengtai-tech.cn/',
  address: null,
  kind: 'person',
  evidence: {},
  ...overrides,
});
const extras: ClipExtras = { tags: [], source: 'web', buyingRole: null };

let db: LeadcardDb;
afterEach(async () => {
  db?.close();
});

async function clip(check?: Parameters<typeof saveClip>[2]['check']) {
  db = openTestDb(`clash-${Math.random()}`);
  const env = testEnv();
  const saved = await saveClip(db, env, {
    candidate: candidate(),
    extras,
    choices: {},
    url: 'https://www.hengtai-tech.cn/contact.html',
    title: '联系我们',
    by: 'li',
    ...(check ? { check } : {}),
  });
  return { env, saved };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeFetch(answer: (url: string) => Response | Error) {
  const calls: { url: string; auth: string | null }[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const out = answer(url);
    if (out instanceof Error) throw out;
    return out;
  }) as typeof fetch;
  return { fn, calls };
}

describe('pending duplicate check', () => {
  it('a new card saved without a completed check is pending with its keys', async () => {
    const { saved } = await clip({ state: 'offline' });
    const [pending] = await pendingChecks(db);
    expect(pending?.accountId).toBe(saved.accountId);
    expect(pending?.queries).toEqual([
      'email=zhangwei%40hengtai-tech.cn',
      'phone=%2B8613800138000',
      'domain=hengtai-tech.cn',
      `name=${encodeURIComponent('深圳恒泰科技有限公司')}`,
    ]);
  });

  it('a card checked when clipped is not pending', async () => {
    await clip({ state: 'checked', answer: { status: 'free' } });
    expect(await pendingChecks(db)).toEqual([]);
  });

  it.each(['free', 'pool', 'yours'] as const)('%s clears the pending card', async (status) => {
    await clip({ state: 'signed-out' });
    const { fn, calls } = fakeFetch(() => json({ status }));
    expect(await runPendingChecks(db, target, { fetch: fn })).toEqual({ cleared: 1, clashes: 0, pending: 0 });
    expect(calls).toHaveLength(4);
    expect(calls[0]).toEqual({
      url: 'http://127.0.0.1:8787/api/v1/ownership?email=zhangwei%40hengtai-tech.cn',
      auth: 'Bearer token-1',
    });
    expect(await pendingChecks(db)).toEqual([]);
    expect(await clashes(db)).toEqual([]);
  });

  it('protected by a colleague becomes a clash with owner and until', async () => {
    const { saved } = await clip({ state: 'offline' });
    const { fn } = fakeFetch((url) =>
      url.includes('domain=')
        ? json({ status: 'protected', owner: '王芳', until: '2026-12-20' })
        : json({ status: 'free' }),
    );
    expect(await runPendingChecks(db, target, { fetch: fn })).toEqual({ cleared: 0, clashes: 1, pending: 0 });
    expect(await pendingChecks(db)).toEqual([]);
    const [clash] = await clashes(db);
    expect(clash).toMatchObject({ accountId: saved.accountId, owner: '王芳', until: '2026-12-20' });
    expect(await db.accounts.get(saved.accountId)).toBeDefined();
  });

  it('offline keeps the card pending', async () => {
    await clip({ state: 'offline' });
    const { fn } = fakeFetch(() => new TypeError('fetch failed'));
    expect(await runPendingChecks(db, target, { fetch: fn })).toEqual({ cleared: 0, clashes: 0, pending: 1 });
    expect(await pendingChecks(db)).toHaveLength(1);
  });

  it.each([500, 503, 404])('HTTP %i keeps the card pending', async (status) => {
    await clip({ state: 'failed', reason: 'x' });
    const { fn } = fakeFetch(() => json({ error: { message: 'no' } }, status));
    expect(await runPendingChecks(db, target, { fetch: fn })).toEqual({ cleared: 0, clashes: 0, pending: 1 });
    expect(await pendingChecks(db)).toHaveLength(1);
  });

  it('an unreadable answer keeps the card pending; a 400 key says nothing', async () => {
    await clip({ state: 'offline' });
    const bad = fakeFetch(() => json({ status: 'maybe' }));
    expect(await runPendingChecks(db, target, { fetch: bad.fn })).toMatchObject({ pending: 1 });
    const unreadable = fakeFetch(() => json({ error: {} }, 400));
    expect(await runPendingChecks(db, target, { fetch: unreadable.fn })).toMatchObject({ cleared: 1 });
  });

  it('a card deleted meanwhile is dropped without asking', async () => {
    const { saved } = await clip({ state: 'offline' });
    await db.accounts.delete(saved.accountId);
    const { fn, calls } = fakeFetch(() => json({ status: 'protected', owner: '王芳' }));
    expect(await runPendingChecks(db, target, { fetch: fn })).toEqual({ cleared: 1, clashes: 0, pending: 0 });
    expect(calls).toEqual([]);
    expect(await clashes(db)).toEqual([]);
  });

  it('a refused token fails the round', async () => {
    await clip({ state: 'offline' });
    const { fn } = fakeFetch(() => json({}, 401));
    await expect(runPendingChecks(db, target, { fetch: fn })).rejects.toBeInstanceOf(ServerError);
    expect(await pendingChecks(db)).toHaveLength(1);
  });
});

describe('at sync', () => {
  it('checks before the push: once pushed, the rep\'s own copy would answer "yours" and hide the clash', async () => {
    const { env, saved } = await clip({ state: 'offline' });
    const server = fakeSyncServer();
    let pushed = false;
    const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.includes('/api/v1/ownership?'))
        return json(
          pushed ? { status: 'yours', owner: 'li' } : { status: 'protected', owner: '王芳', until: '2026-12-20' },
        );
      if (url.includes('sync/push')) pushed = true;
      return server.fetch(input as string, init);
    }) as typeof fetch;
    const result = await syncOnce(db, target, { fetch: fn, env });
    // …and the clashing card waits for the rep's decision instead of being pushed (outbox-hold.ts).
    expect(result.pushed).toBe(0);
    expect(pushed).toBe(false);
    expect(await clashes(db)).toMatchObject([{ accountId: saved.accountId, owner: '王芳' }]);
    expect(await pendingChecks(db)).toEqual([]);
  });
});

describe('clash decisions', () => {
  async function clashed() {
    const out = await clip({ state: 'offline' });
    const { fn } = fakeFetch(() => json({ status: 'protected', owner: '王芳', until: '2026-12-20' }));
    await runPendingChecks(db, target, { fetch: fn });
    return out;
  }

  it('keep my card dismisses the clash and records the decision', async () => {
    const { env, saved } = await clashed();
    await keepClashingCard(db, env, saved.accountId);
    expect(await clashes(db)).toEqual([]);
    expect(await db.accounts.get(saved.accountId)).toBeDefined();
    expect(await readMeta(db, CLASH_DECISIONS_KEY, [])).toMatchObject([
      { accountId: saved.accountId, decision: 'keep' },
    ]);
  });

  it('remove my copy of a card the server never had: it and its queued changes leave, no tombstones', async () => {
    const { env, saved } = await clashed();
    expect(await db.outbox.count()).toBe(3);
    expect(await removeClashingCard(db, env, saved.accountId)).toBe(true);
    expect(await db.accounts.get(saved.accountId)).toBeUndefined();
    expect(await db.contacts.where('accountId').equals(saved.accountId).count()).toBe(0);
    expect(await db.activities.where('accountId').equals(saved.accountId).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.clocks.count()).toBe(0);
    const [interest] = await clipInterests(db);
    expect(interest).toMatchObject({ owner: '王芳', until: '2026-12-20', emails: ['zhangwei@hengtai-tech.cn'] });
    expect(await clashes(db)).toEqual([]);
  });

  it('remove my copy of a card already pushed (before pushes held clashes back): deleted with tombstones', async () => {
    const { env, saved } = await clashed();
    // As after an earlier push and pull: the queue is empty and the records are the server's state.
    await db.outbox.clear();
    await db.accounts.update(saved.accountId, { base: undefined });
    const before = await db.outbox.count();
    expect(await removeClashingCard(db, env, saved.accountId)).toBe(true);
    expect(await db.accounts.get(saved.accountId)).toBeUndefined();
    expect(await db.contacts.where('accountId').equals(saved.accountId).count()).toBe(0);
    expect(await db.activities.where('accountId').equals(saved.accountId).count()).toBe(0);
    const deletes = (await db.outbox.toArray()).slice(before);
    expect(deletes.map((m) => [m.entity, m.op])).toEqual([
      ['activity', 'delete'],
      ['contact', 'delete'],
      ['account', 'delete'],
    ]);
    expect(deletes.map((m) => m.id)).toEqual([saved.activityId, saved.contactId, saved.accountId]);
    const [interest] = await clipInterests(db);
    expect(interest).toMatchObject({ owner: '王芳', until: '2026-12-20', emails: ['zhangwei@hengtai-tech.cn'] });
    expect(await clashes(db)).toEqual([]);
    expect(await removeClashingCard(db, env, saved.accountId)).toBe(false);
  });
});
