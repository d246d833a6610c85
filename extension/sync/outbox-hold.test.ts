import { afterEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import type { ClipExtras } from '../clip/clip-draft';
import { clashes, heldAccounts, keepClashingCard, removeClashingCard } from '../clip/pending-check';
import { saveClip } from '../clip/save-clip';
import type { LeadcardDb } from '../store/db';
import { saveLocal } from '../store/local-change';
import { META, readMeta, type StoreEnv } from '../store/meta';
import { openTestDb, testEnv } from '../store/test-db';
import { holdBackUncheckedCards } from './clash-check';
import { fakeSyncServer } from './fake-sync-server';
import { holdBackUndecided } from './outbox-hold';
import { syncOnce } from './sync-client';

const target = { serverUrl: 'http://127.0.0.1:8787', token: 'token-1' };
const extras: ClipExtras = { tags: [], source: 'web', buyingRole: null };
const hengtai: Candidate = {
  name: '张伟',
  title: '销售总监',
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn'],
  phones: ['+8613800138000'],
  website: 'https://www.hengtai-tech.cn/',
  address: null,
  kind: 'person',
  evidence: {},
};
const ningbo: Candidate = {
  ...hengtai,
  name: '陈静',
  org: '宁波东海模具有限公司',
  emails: ['chenjing@dh-mould.cn'],
  phones: ['+8657487654321'],
  website: 'https://www.dh-mould.cn/',
};

let db: LeadcardDb;
afterEach(() => db?.close());

/** A clip saved offline (its duplicate check pending), or with the check done and clear. */
function clip(env: StoreEnv, candidate: Candidate, checked: boolean) {
  return saveClip(db, env, {
    candidate,
    extras,
    choices: {},
    url: `${candidate.website}contact.html`,
    title: '联系我们',
    by: 'li',
    check: checked ? { state: 'checked', answer: { status: 'free' } } : { state: 'offline' },
  });
}

/** The fake sync server, with `GET /api/v1/ownership` saying that 王芳 protects 恒泰 (and nothing else). */
function serverWhereWangOwnsHengtai() {
  const server = fakeSyncServer();
  const pushed: number[][] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.includes('/api/v1/ownership?')) {
      const protectedKey = url.includes('hengtai') || url.includes('8613800138000') || url.includes('%E6%81%92');
      return new Response(
        JSON.stringify(protectedKey ? { status: 'protected', owner: '王芳', until: '2026-12-20' } : { status: 'free' }),
      );
    }
    if (url.endsWith('/sync/push'))
      pushed.push((JSON.parse(String(init?.body)) as { mutations: { seq: number }[] }).mutations.map((m) => m.seq));
    return server.fetch(input as string, init);
  }) as typeof fetch;
  const accountIdsOnServer = () =>
    [...server.records.values()].filter((r) => r.entity === 'account').map((r) => r.fields.name);
  return { server, fetchFn, pushed, accountIdsOnServer };
}

describe('holding a card back from the push until its duplicate check and the rep’s decision', () => {
  it('moves the held card’s changes behind the others, each group in order, seqs contiguous', async () => {
    db = openTestDb(`hold-${Math.random()}`);
    const env = testEnv();
    const held = await clip(env, hengtai, false);
    const free = await clip(env, ningbo, true);
    const before = await db.outbox.orderBy('seq').toArray();
    const heldSeqs = before.filter((m) => [held.accountId, held.contactId, held.activityId].includes(m.id));
    expect(heldSeqs.map((m) => m.seq)).toEqual([1, 2, 3]);
    const nextSeq = await readMeta<number>(db, META.nextSeq, 0);

    const pushable = await holdBackUndecided(db, async () => new Set([held.accountId]));

    const after = await db.outbox.orderBy('seq').toArray();
    expect(after.map((m) => m.seq)).toEqual(before.map((_, i) => i + 1));
    expect(after.map((m) => m.id)).toEqual([
      ...before.filter((m) => !heldSeqs.includes(m)).map((m) => m.id),
      ...heldSeqs.map((m) => m.id),
    ]);
    expect(pushable).toBe(before.length - heldSeqs.length);
    expect(after.slice(0, pushable).map((m) => m.id)).toContain(free.accountId);
    expect(await readMeta<number>(db, META.nextSeq, 0)).toBe(nextSeq);
  });

  it('holds nothing back when no card waits', async () => {
    db = openTestDb(`hold-${Math.random()}`);
    const env = testEnv();
    await clip(env, ningbo, true);
    expect(await heldAccounts(db)).toEqual(new Set());
    expect(await holdBackUncheckedCards(db)).toBe(Number.POSITIVE_INFINITY);
  });

  it('a clashing card is not pushed before the rep decides; the rest of the rep’s work is', async () => {
    db = openTestDb(`hold-${Math.random()}`);
    const env = testEnv();
    const { fetchFn, server, accountIdsOnServer } = serverWhereWangOwnsHengtai();
    const held = await clip(env, hengtai, false);
    await clip(env, ningbo, true);

    await syncOnce(db, target, { fetch: fetchFn, env });
    expect(await clashes(db)).toMatchObject([{ accountId: held.accountId, owner: '王芳' }]);
    expect(accountIdsOnServer()).toEqual(['宁波东海模具有限公司']);
    expect(server.records.has(`account/${held.accountId}`)).toBe(false);
    // A later edit of the held card waits too; a second round still sends nothing of it.
    await saveLocal(db, env, 'account', held.accountId, { industry: '电子' });
    await syncOnce(db, target, { fetch: fetchFn, env });
    expect(server.records.has(`account/${held.accountId}`)).toBe(false);
    expect(await db.outbox.count()).toBe(4);
  });

  it('"Keep my card": the held changes go out at the next sync', async () => {
    db = openTestDb(`hold-${Math.random()}`);
    const env = testEnv();
    const { fetchFn, server } = serverWhereWangOwnsHengtai();
    const held = await clip(env, hengtai, false);
    await syncOnce(db, target, { fetch: fetchFn, env });
    expect(server.records.has(`account/${held.accountId}`)).toBe(false);

    await keepClashingCard(db, env, held.accountId);
    await syncOnce(db, target, { fetch: fetchFn, env });
    expect(server.records.get(`account/${held.accountId}`)?.fields.name).toBe('深圳恒泰科技有限公司');
    expect(await db.outbox.count()).toBe(0);
  });

  it('"Remove my copy": the copy never reaches the server, the interest does, later changes still sync', async () => {
    db = openTestDb(`hold-${Math.random()}`);
    const env = testEnv();
    const { fetchFn, server, pushed } = serverWhereWangOwnsHengtai();
    const held = await clip(env, hengtai, false);
    const other = await clip(env, ningbo, true);
    await syncOnce(db, target, { fetch: fetchFn, env });
    // Work done after the clash, queued behind the held card.
    await saveLocal(db, env, 'account', other.accountId, { industry: '模具' });

    expect(await removeClashingCard(db, env, held.accountId)).toBe(true);
    expect(await db.accounts.get(held.accountId)).toBeUndefined();
    expect(await db.contacts.get(held.contactId ?? '')).toBeUndefined();
    // Only the later edit is left, moved down to the seq right after the last one sent.
    const left = await db.outbox.toArray();
    expect(left.map((m) => [m.entity, m.id, m.fields])).toEqual([['account', other.accountId, { industry: '模具' }]]);
    const lastSent = Math.max(...pushed.flat());
    expect(left[0]?.seq).toBe(lastSent + 1);
    expect(await readMeta<number>(db, META.nextSeq, 0)).toBe(lastSent + 2);

    await syncOnce(db, target, { fetch: fetchFn, env });
    expect(await db.outbox.count()).toBe(0);
    expect(server.records.get(`account/${other.accountId}`)?.fields.industry).toBe('模具');
    expect([...server.records.keys()].some((key) => key.endsWith(held.accountId))).toBe(false);
    expect(server.interests).toMatchObject([{ email: 'zhangwei@hengtai-tech.cn', name: '深圳恒泰科技有限公司' }]);
  });

  it('a card whose check cannot be answered yet (the server errs) stays held', async () => {
    db = openTestDb(`hold-${Math.random()}`);
    const env = testEnv();
    const server = fakeSyncServer();
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).includes('/api/v1/ownership?')
        ? new Response('{}', { status: 503 })
        : server.fetch(input as string, init)) as typeof fetch;
    const held = await clip(env, hengtai, false);
    await syncOnce(db, target, { fetch: fetchFn, env });
    expect(server.records.has(`account/${held.accountId}`)).toBe(false);
    expect(await heldAccounts(db)).toEqual(new Set([held.accountId]));
  });
});
