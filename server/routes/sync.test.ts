import { beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeContact, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import type { SqliteStorage } from '../db/sqlite';

const clientA = '0193a000-0000-7000-8000-00000000000a';
const clientB = '0193a000-0000-7000-8000-00000000000b';

describe('POST /api/v1/sync/push', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });

  it('creates a record owned by the token’s user and team, pulled with server-owned fields', async () => {
    const id = makeId();
    const res = await t.push(
      'alice',
      clientA,
      mutations(1, [{ hlc: hlcAt(1000), entity: 'account', id, op: 'upsert', fields: makeAccount() }]),
    );
    expect(res).toMatchObject({ status: 200, body: { ackedSeq: 1 } });
    const changes = await t.pullAll('alice');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      entity: 'account',
      id,
      deleted: false,
      fields: {
        name: '深圳市腾达科技有限公司',
        owner: 'alice',
        team: 'east',
        lockedOwner: false,
        sharedWith: [],
        grades: null,
      },
    });
    expect(changes[0].fields.lapsesAt).toBe('2026-12-22T09:00:00.000Z');
  });

  it('is idempotent: replaying the batch, a prefix or an older batch answers the current ackedSeq', async () => {
    const id = makeId();
    const batch1 = mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id, op: 'upsert', fields: { name: 'v1' } },
      { hlc: hlcAt(2), entity: 'account', id, op: 'upsert', fields: { region: 'r1' } },
    ]);
    const batch2 = mutations(3, [{ hlc: hlcAt(3), entity: 'account', id, op: 'upsert', fields: { name: 'v3' } }]);
    expect((await t.push('alice', clientA, batch1)).body).toEqual({ ackedSeq: 2 });
    expect((await t.push('alice', clientA, batch2)).body).toEqual({ ackedSeq: 3 });
    const before = await t.pullAll('alice');
    for (const replay of [batch1, batch1.slice(0, 1), batch2, [...batch1, ...batch2], []]) {
      const res = await t.push('alice', clientA, replay);
      expect(res).toEqual(expect.objectContaining({ status: 200, body: { ackedSeq: 3 } }));
    }
    expect(await t.pullAll('alice')).toEqual(before);
    expect(before[0].fields).toMatchObject({ name: 'v3', region: 'r1' });
  });

  it('applies only the new tail of a batch that overlaps what was acked', async () => {
    const id = makeId();
    const all = mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id, op: 'upsert', fields: { name: 'one' } },
      { hlc: hlcAt(2), entity: 'account', id, op: 'upsert', fields: { tags: ['two'] } },
      { hlc: hlcAt(3), entity: 'account', id, op: 'upsert', fields: { region: 'three' } },
    ]);
    await t.push('alice', clientA, all.slice(0, 2));
    expect((await t.push('alice', clientA, all)).body).toEqual({ ackedSeq: 3 });
    expect((await t.pullAll('alice'))[0].fields).toMatchObject({ name: 'one', tags: ['two'], region: 'three' });
  });

  it('answers a gap with 409 naming the expected seq, and changes nothing', async () => {
    const id = makeId();
    await t.push(
      'alice',
      clientA,
      mutations(1, [{ hlc: hlcAt(1), entity: 'account', id, op: 'upsert', fields: { name: 'a' } }]),
    );
    const res = await t.push(
      'alice',
      clientA,
      mutations(3, [{ hlc: hlcAt(2), entity: 'account', id, op: 'upsert', fields: { name: 'b' } }]),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'seq-gap', field: 'mutations.0.seq' });
    expect(res.body.error.message).toContain('expected seq 2');
    expect((await t.pullAll('alice'))[0].fields.name).toBe('a');
  });

  it('keeps seqs per client and per user', async () => {
    const id = makeId();
    await t.push(
      'alice',
      clientA,
      mutations(1, [{ hlc: hlcAt(1), entity: 'account', id, op: 'upsert', fields: { name: 'a' } }]),
    );
    const other = await t.push(
      'alice',
      clientB,
      mutations(1, [{ hlc: hlcAt(2), entity: 'account', id, op: 'upsert', fields: { name: 'b' } }]),
    );
    expect(other.body).toEqual({ ackedSeq: 1 });
    expect((await t.pullAll('alice'))[0].fields.name).toBe('b');
  });

  it.each([
    ['an unknown field', { name: 'x', colour: 'red' }, 'mutations.0.fields.colour'],
    ['a server-owned field (owner)', { owner: 'alice' }, 'mutations.0.fields.owner'],
    ['a too long name', { name: 'x'.repeat(301) }, 'mutations.0.fields.name'],
    ['a bad phone', { phones: ['0755-1234'] }, 'mutations.0.fields.phones.0'],
  ])('rejects %s with 400 naming the field, and applies nothing of the batch', async (_, fields, field) => {
    const id = makeId();
    const res = await t.push(
      'alice',
      clientA,
      mutations(1, [
        { hlc: hlcAt(1), entity: 'account', id, op: 'upsert', fields },
        { hlc: hlcAt(1), entity: 'account', id: makeId(), op: 'upsert', fields: { name: 'fine' } },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.field).toBe(field);
    expect(await t.pullAll('alice')).toEqual([]);
  });

  it.each([
    ['not JSON', '{"clientId":', 'bad-json', undefined],
    ['no clientId', { mutations: [] }, 'invalid', 'clientId'],
    [
      'a bad HLC',
      {
        clientId: clientA,
        mutations: [{ seq: 1, hlc: 'yesterday', entity: 'account', id: makeId(), op: 'upsert', fields: {} }],
      },
      'invalid',
      'mutations.0.hlc',
    ],
    [
      'an unknown entity',
      {
        clientId: clientA,
        mutations: [{ seq: 1, hlc: hlcAt(1), entity: 'lead', id: makeId(), op: 'upsert', fields: {} }],
      },
      'invalid',
      'mutations.0.entity',
    ],
    [
      'a delete with fields',
      {
        clientId: clientA,
        mutations: [{ seq: 1, hlc: hlcAt(1), entity: 'account', id: makeId(), op: 'delete', fields: { name: 'x' } }],
      },
      'invalid',
      'mutations.0.fields',
    ],
  ])('answers %s with 400', async (_, body, code, field) => {
    const res = await t.call('alice', 'POST', '/api/v1/sync/push', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    if (field) expect(res.body.error.field).toBe(field);
  });

  it('refuses a write to another team’s card with 403 and applies nothing of the batch', async () => {
    const theirs = makeId();
    await t.push(
      'dave',
      clientA,
      mutations(1, [{ hlc: hlcAt(1), entity: 'account', id: theirs, op: 'upsert', fields: { name: 'West Co' } }]),
    );
    const mine = makeId();
    const res = await t.push(
      'alice',
      clientB,
      mutations(1, [
        { hlc: hlcAt(2), entity: 'account', id: mine, op: 'upsert', fields: { name: 'Mine' } },
        { hlc: hlcAt(3), entity: 'contact', id: makeId(), op: 'upsert', fields: { accountId: theirs, name: '李四' } },
      ]),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', field: 'mutations.1' });
    expect(await t.pullAll('alice')).toEqual([]);
    // Nothing was acked either: the same seq 1 is still expected.
    expect(
      (
        await t.push(
          'alice',
          clientB,
          mutations(1, [{ hlc: hlcAt(4), entity: 'account', id: mine, op: 'upsert', fields: { name: 'Mine' } }]),
        )
      ).body,
    ).toEqual({ ackedSeq: 1 });
    for (const m of [
      { hlc: hlcAt(5), entity: 'account' as const, id: theirs, op: 'upsert' as const, fields: { name: 'hijack' } },
      { hlc: hlcAt(5), entity: 'account' as const, id: theirs, op: 'delete' as const, fields: {} },
    ]) {
      expect((await t.push('alice', clientB, mutations(2, [m]))).status).toBe(403);
    }
    expect((await t.pullAll('dave'))[0].fields.name).toBe('West Co');
  });

  it('deletes are tombstones that purge the card’s personal fields', async () => {
    const account = makeId();
    const contact = makeId();
    await t.push(
      'alice',
      clientA,
      mutations(1, [
        { hlc: hlcAt(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount() },
        { hlc: hlcAt(2), entity: 'contact', id: contact, op: 'upsert', fields: makeContact({ accountId: account }) },
        { hlc: hlcAt(3), entity: 'contact', id: contact, op: 'delete', fields: {} },
      ]),
    );
    const changes = await t.pullAll('alice');
    const tomb = changes.find((c) => c.id === contact);
    expect(tomb).toMatchObject({ entity: 'contact', deleted: true, fields: {} });
    const row = (t.deps.storage as SqliteStorage).db
      .prepare('SELECT fields FROM records WHERE id = ?')
      .get(contact) as { fields: string };
    expect(row.fields).toBe('{}');
    const keys = (t.deps.storage as SqliteStorage).db
      .prepare('SELECT count(*) AS n FROM record_keys WHERE id = ?')
      .get(contact) as { n: number };
    expect(keys.n).toBe(0);
    // An older write arriving late does not bring it back; a newer one does.
    await t.push(
      'alice',
      clientA,
      mutations(4, [{ hlc: hlcAt(2), entity: 'contact', id: contact, op: 'upsert', fields: { title: 'x' } }]),
    );
    expect((await t.pullAll('alice')).find((c) => c.id === contact).deleted).toBe(true);
    await t.push(
      'alice',
      clientA,
      mutations(5, [{ hlc: hlcAt(9), entity: 'contact', id: contact, op: 'upsert', fields: { title: 'back' } }]),
    );
    expect((await t.pullAll('alice')).find((c) => c.id === contact)).toMatchObject({
      deleted: false,
      fields: { title: 'back' },
    });
  });

  it('requires a valid token', async () => {
    expect((await t.call(null, 'POST', '/api/v1/sync/push', { clientId: clientA, mutations: [] })).status).toBe(401);
    const res = await t.app.request('/api/v1/sync/pull', { headers: { authorization: 'Bearer lc_nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses a body over 5 MB with 413', async () => {
    const huge = JSON.stringify({ clientId: clientA, mutations: [], pad: 'x'.repeat(5 * 1024 * 1024 + 10) });
    const res = await t.call('alice', 'POST', '/api/v1/sync/push', huge);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too-large');
  });
});

describe('GET /api/v1/sync/pull', () => {
  it('pages in version order with limit, cursor and more', async () => {
    const t = await makeTestApp();
    const ids = Array.from({ length: 7 }, () => makeId());
    await t.push(
      'alice',
      clientA,
      mutations(
        1,
        ids.map((id, i) => ({
          hlc: hlcAt(i + 1),
          entity: 'account' as const,
          id,
          op: 'upsert' as const,
          fields: { name: `n${i}` },
        })),
      ),
    );
    const first = await t.call('alice', 'GET', '/api/v1/sync/pull?since=0&limit=3');
    expect(first.body.changes.map((c: Json) => c.id)).toEqual(ids.slice(0, 3));
    expect(first.body.more).toBe(true);
    const second = await t.call('alice', 'GET', `/api/v1/sync/pull?since=${first.body.cursor}&limit=3`);
    expect(second.body.changes.map((c: Json) => c.id)).toEqual(ids.slice(3, 6));
    const third = await t.call('alice', 'GET', `/api/v1/sync/pull?since=${second.body.cursor}&limit=3`);
    expect(third.body).toMatchObject({ more: false });
    expect(third.body.changes.map((c: Json) => c.id)).toEqual(ids.slice(6));
    const empty = await t.call('alice', 'GET', `/api/v1/sync/pull?since=${third.body.cursor}`);
    expect(empty.body).toEqual({ changes: [], cursor: third.body.cursor, more: false });
    const versions = [...first.body.changes, ...second.body.changes, ...third.body.changes].map((c: Json) => c.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('streams pages larger than one chunk', async () => {
    const t = await makeTestApp();
    const ids = Array.from({ length: 1203 }, () => makeId());
    await t.push(
      'alice',
      clientA,
      mutations(
        1,
        ids.map((id, i) => ({
          hlc: hlcAt(i + 1),
          entity: 'account' as const,
          id,
          op: 'upsert' as const,
          fields: { name: `n${i}` },
        })),
      ),
    );
    const page = await t.call('alice', 'GET', '/api/v1/sync/pull?since=0&limit=1100');
    expect(page.body.changes).toHaveLength(1100);
    expect(page.body.more).toBe(true);
    expect(await t.pullAll('alice', 5000)).toHaveLength(1203);
  });

  it.each([
    ['since=-1', 'since'],
    ['limit=0', 'limit'],
    ['limit=5001', 'limit'],
    ['since=abc', 'since'],
    ['cursor=3', 'cursor'],
  ])('rejects %s with 400', async (query, field) => {
    const t = await makeTestApp();
    const res = await t.call('alice', 'GET', `/api/v1/sync/pull?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });
});
