import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeContact, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { lapseAfterDays } from '../ownership/lapse';

const client = '0193a000-0000-7000-8000-0000000000c1';

/** Alice (rep, east) creates 腾达 with its buyer 张三; Dave (rep, west) creates his own card. */
async function seed(t: TestApp) {
  const tengda = makeId();
  const zhang = makeId();
  const west = makeId();
  await t.push(
    'alice',
    client,
    mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id: tengda, op: 'upsert', fields: makeAccount() },
      { hlc: hlcAt(2), entity: 'contact', id: zhang, op: 'upsert', fields: makeContact({ accountId: tengda }) },
    ]),
  );
  await t.push(
    'dave',
    client,
    mutations(1, [
      {
        hlc: hlcAt(3),
        entity: 'account',
        id: west,
        op: 'upsert',
        fields: makeAccount({
          name: 'Acme Trading GmbH',
          domains: ['acme.de'],
          website: 'https://acme.de',
          address: 'Friedrichstraße 1, Berlin',
          region: 'Berlin',
          phones: ['+493012345678'],
        }),
      },
    ]),
  );
  return { tengda, zhang, west };
}

describe('GET /api/v1/accounts/:id', () => {
  it('returns the card with its contacts, ownership and grades to those who may see it', async () => {
    const t = await makeTestApp();
    const { tengda, zhang } = await seed(t);
    for (const viewer of ['alice', 'mia', 'admin']) {
      const res = await t.call(viewer, 'GET', `/api/v1/accounts/${tengda}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: tengda,
        fields: { name: '深圳市腾达科技有限公司', owner: 'alice', team: 'east' },
        grades: null,
        contacts: [{ id: zhang, name: '张三' }],
      });
    }
  });

  it.each(['dave', 'wendy', 'carol'])('answers 404 to %s, who may not see it', async (viewer) => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const res = await t.call(viewer, 'GET', `/api/v1/accounts/${tengda}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('腾达');
  });

  it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
    const t = await makeTestApp();
    expect((await t.call('alice', 'GET', '/api/v1/accounts/nope')).status).toBe(400);
    expect((await t.call('alice', 'GET', `/api/v1/accounts/${makeId()}`)).status).toBe(404);
  });
});

describe('ownership: claim, release, assign, lock, share (DESIGN §5)', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof seed>>;
  beforeEach(async () => {
    t = await makeTestApp();
    ids = await seed(t);
  });

  it('release puts the card in the team pool, where a teammate sees and claims it; each step is an activity', async () => {
    expect((await t.pullAll('carol')).length).toBe(0);
    const released = await t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/release`, { reason: '客户转行' });
    expect(released).toMatchObject({ status: 200, body: { owner: null, team: 'east' } });
    const pool = await t.pullAll('carol');
    expect(pool.map((c) => c.id)).toEqual(expect.arrayContaining([ids.tengda, ids.zhang]));
    expect(await t.pullAll('dave')).not.toEqual(expect.arrayContaining([expect.objectContaining({ id: ids.tengda })]));
    expect((await t.call('carol', 'GET', `/api/v1/ownership?domain=tengda.com.cn`)).body).toEqual({ status: 'pool' });
    expect((await t.call('dave', 'POST', `/api/v1/accounts/${ids.tengda}/claim`)).status).toBe(404);
    const claimed = await t.call('carol', 'POST', `/api/v1/accounts/${ids.tengda}/claim`);
    expect(claimed).toMatchObject({
      status: 200,
      body: { owner: 'carol', team: 'east', lapsesAt: '2026-12-22T09:00:00.000Z' },
    });
    expect((await t.call('alice', 'GET', `/api/v1/accounts/${ids.tengda}`)).status).toBe(404);
    const card = await t.call('carol', 'GET', `/api/v1/accounts/${ids.tengda}`);
    const summaries = card.body.activities.filter((a: Json) => a.type === 'ownership').map((a: Json) => a.summary);
    expect(summaries).toEqual([
      'claimed by carol from the public pool',
      'released by alice to the public pool (was alice)',
    ]);
    expect((await t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/claim`)).status).toBe(404);
  });

  it('refuses a claim of an owned card (409) and of another team’s pool card', async () => {
    expect((await t.call('mia', 'POST', `/api/v1/accounts/${ids.tengda}/claim`)).body.error.code).toBe('owned');
    await t.call('wendy', 'POST', `/api/v1/accounts/${ids.west}/release`);
    expect((await t.call('alice', 'POST', `/api/v1/accounts/${ids.west}/claim`)).status).toBe(404);
  });

  it('gives a pool card to exactly one of two reps claiming it at the same time (撞单)', async () => {
    await t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/release`);
    await t.push(
      'carol',
      client,
      mutations(1, [{ hlc: hlcAt(9), entity: 'account', id: makeId(), op: 'upsert', fields: { name: 'warm-up' } }]),
    );
    const [a, c] = await Promise.all([
      t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/claim`),
      t.call('carol', 'POST', `/api/v1/accounts/${ids.tengda}/claim`),
    ]);
    expect([a.status, c.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'alice' : 'carol';
    expect((await t.call('mia', 'GET', `/api/v1/accounts/${ids.tengda}`)).body.fields.owner).toBe(winner);
    const claims = (await t.call('mia', 'GET', `/api/v1/accounts/${ids.tengda}`)).body.activities.filter((x: Json) =>
      x.summary.startsWith('claimed'),
    );
    expect(claims).toHaveLength(1);
  });

  it('refuses a claim over the cap of owned leads', async () => {
    t.deps.limits.ownedLeads = 1;
    await t.call('mia', 'POST', `/api/v1/accounts/${ids.tengda}/release`);
    const carolsOwn = makeId();
    await t.push(
      'carol',
      client,
      mutations(1, [
        { hlc: hlcAt(5), entity: 'account', id: carolsOwn, op: 'upsert', fields: makeAccount({ name: 'Own' }) },
      ]),
    );
    const res = await t.call('carol', 'POST', `/api/v1/accounts/${ids.tengda}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'cap-reached' });
    expect(res.body.error.message).toContain('cap is 1');
  });

  it('lets only a manager of the team assign and lock; a locked card does not lapse', async () => {
    expect((await t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/assign`, { to: 'carol' })).status).toBe(403);
    expect((await t.call('wendy', 'POST', `/api/v1/accounts/${ids.tengda}/assign`, { to: 'carol' })).status).toBe(404);
    expect((await t.call('mia', 'POST', `/api/v1/accounts/${ids.tengda}/assign`, { to: 'dave' })).status).toBe(403);
    expect(
      (await t.call('mia', 'POST', `/api/v1/accounts/${ids.tengda}/assign`, { to: 'nobody' })).body.error,
    ).toMatchObject({ field: 'to' });
    const assigned = await t.call('mia', 'POST', `/api/v1/accounts/${ids.tengda}/assign`, {
      to: 'carol',
      reason: '区域调整',
    });
    expect(assigned.body).toMatchObject({ owner: 'carol' });
    expect((await t.call('carol', 'POST', `/api/v1/accounts/${ids.tengda}/lock`, { locked: true })).status).toBe(403);
    const locked = await t.call('mia', 'POST', `/api/v1/accounts/${ids.tengda}/lock`, { locked: true });
    expect(locked.body).toMatchObject({ owner: 'carol', lockedOwner: true, lapsesAt: null });
    expect((await t.call('carol', 'POST', `/api/v1/accounts/${ids.tengda}/release`)).body.error.code).toBe('locked');
    t.clock.advanceDays(400);
    expect((await t.call('carol', 'GET', `/api/v1/ownership?domain=tengda.com.cn`)).body).toEqual({
      status: 'yours',
      owner: 'carol',
    });
  });

  it('lapses an owner’s card to the pool after 30 days without follow-up; a follow-up pushes the date out', async () => {
    t.clock.advanceDays(20);
    await t.push(
      'alice',
      client,
      mutations(3, [
        {
          hlc: hlcAt(10),
          entity: 'activity',
          id: makeId(),
          op: 'upsert',
          fields: {
            accountId: ids.tengda,
            contactId: null,
            type: 'call',
            at: t.clock.now.toISOString(),
            by: 'alice',
            summary: '电话沟通',
            body: null,
            source: null,
            next: null,
          },
        },
      ]),
    );
    t.clock.advanceDays(20);
    expect((await t.call('carol', 'GET', `/api/v1/ownership?domain=tengda.com.cn`)).body).toMatchObject({
      status: 'protected',
      owner: 'alice',
      until: '2027-01-11T09:00:00.000Z',
    });
    t.clock.advanceDays(11);
    expect((await t.call('carol', 'GET', `/api/v1/ownership?domain=tengda.com.cn`)).body).toEqual({ status: 'pool' });
    const card = await t.call('mia', 'GET', `/api/v1/accounts/${ids.tengda}`);
    expect(card.body.fields.owner).toBeNull();
    expect(card.body.activities[0].summary).toBe('lapsed to the public pool (no follow-up by alice)');
  });

  it('takes the lapse rule as a parameter (e.g. from the scoring rule document)', async () => {
    const t2 = await makeTestApp({ lapse: lapseAfterDays({ lead: 7, customer: 60 }) });
    const { tengda } = await seed(t2);
    t2.clock.advanceDays(8);
    expect((await t2.call('carol', 'GET', '/api/v1/ownership?name=深圳市腾达科技 Co., Ltd.')).body).toEqual({
      status: 'pool',
    });
    expect((await t2.call('carol', 'POST', `/api/v1/accounts/${tengda}/claim`)).body.owner).toBe('carol');
  });

  it('shares a card with a colleague or the whole team, recorded on the card', async () => {
    expect((await t.call('carol', 'POST', `/api/v1/accounts/${ids.tengda}/share`, { users: ['carol'] })).status).toBe(
      404,
    );
    const shared = await t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/share`, { users: ['carol'] });
    expect(shared.body.sharedWith).toEqual(['carol']);
    expect((await t.call('carol', 'GET', `/api/v1/accounts/${ids.tengda}`)).body.fields.sharedWith).toEqual(['carol']);
    expect((await t.pullAll('carol')).map((c) => c.id)).toEqual(expect.arrayContaining([ids.tengda, ids.zhang]));
    await t.call('alice', 'POST', `/api/v1/accounts/${ids.tengda}/share`, { team: true });
    const team = await t.call('carol', 'GET', `/api/v1/accounts/${ids.tengda}`);
    expect(team.body.fields.sharedWith).toEqual(['team:east']);
    expect(team.body.activities.map((a: Json) => a.summary)).toContain('shared by alice with team:east');
    expect((await t.call('dave', 'GET', `/api/v1/accounts/${ids.tengda}`)).status).toBe(404);
  });
});

describe('GET /api/v1/ownership (the duplicate check)', () => {
  it.each([
    ['alice', 'email=ZhangSan@tengda.com.cn', { status: 'yours', owner: 'alice', until: '2026-12-22T09:00:00.000Z' }],
    ['carol', 'phone=0755-8888 6666', { status: 'protected', owner: 'alice', until: '2026-12-22T09:00:00.000Z' }],
    [
      'dave',
      'domain=https://www.tengda.com.cn/about',
      { status: 'protected', owner: 'alice', until: '2026-12-22T09:00:00.000Z' },
    ],
    [
      'dave',
      'name=深圳市腾达科技股份有限公司',
      { status: 'protected', owner: 'alice', until: '2026-12-22T09:00:00.000Z' },
    ],
    ['alice', 'email=nobody@elsewhere.cn', { status: 'free' }],
    ['alice', 'domain=acme.de', { status: 'protected', owner: 'dave', until: '2026-12-22T09:00:00.000Z' }],
  ])('answers %s for %s with only the status', async (who, query, expected) => {
    const t = await makeTestApp();
    await seed(t);
    const res = await t.call(who, 'GET', `/api/v1/ownership?${query}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
  });

  it.each([
    ['email=not-an-email', 'email'],
    ['phone=12', 'phone'],
    ['', 'email'],
    ['colour=red', 'colour'],
  ])('answers %s with 400 naming the field', async (query, field) => {
    const t = await makeTestApp();
    const res = await t.call('alice', 'GET', `/api/v1/ownership?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });
});

describe('GET /api/v1/lookup', () => {
  it.each([
    ['email=zhangsan@TENGDA.com.cn'],
    ['phone=+86 755 8888 6666'],
    ['phone=13800138000'],
    ['domain=tengda.com.cn'],
    ['q=腾达'],
    ['q=深圳市腾达科技'],
    ['q=zhangsan@tengda.com.cn'],
    ['q=zs'],
    ['q=zhangsan'],
    ['q=张三'],
    ['q=tengda'],
  ])('finds the card by %s for its owner', async (query) => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const res = await t.call('alice', 'GET', `/api/v1/lookup?${encodeURI(query)}`);
    expect(res.status).toBe(200);
    expect(res.body.cards.map((c: Json) => c.id)).toEqual([tengda]);
  });

  it('never returns a card the caller may not see', async () => {
    const t = await makeTestApp();
    await seed(t);
    for (const query of ['domain=tengda.com.cn', 'q=腾达', 'q=深', 'email=zhangsan@tengda.com.cn']) {
      expect((await t.call('dave', 'GET', `/api/v1/lookup?${encodeURI(query)}`)).body).toEqual({ cards: [] });
    }
  });

  it('ranks an exact name before a prefix before a contained match', async () => {
    const t = await makeTestApp();
    const [exact, prefix, contains] = [makeId(), makeId(), makeId()];
    await t.push(
      'alice',
      client,
      mutations(1, [
        { hlc: hlcAt(1), entity: 'account', id: contains, op: 'upsert', fields: { name: '深圳华为' } },
        { hlc: hlcAt(2), entity: 'account', id: prefix, op: 'upsert', fields: { name: '华为技术' } },
        { hlc: hlcAt(3), entity: 'account', id: exact, op: 'upsert', fields: { name: '华为有限公司' } },
      ]),
    );
    const res = await t.call('alice', 'GET', `/api/v1/lookup?q=${encodeURIComponent('华为')}`);
    expect(res.body.cards.map((c: Json) => c.id)).toEqual([exact, prefix, contains]);
  });

  it('answers 400 without a query', async () => {
    const t = await makeTestApp();
    expect((await t.call('alice', 'GET', '/api/v1/lookup')).status).toBe(400);
  });
});

describe('visibility across teams (property)', () => {
  it('a rep never receives another team’s card through lookup, accounts or the ownership check', async () => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const east = JSON.stringify(await t.call('alice', 'GET', `/api/v1/accounts/${tengda}`));
    const secrets = ['深圳市南山区科技园', 'zhangsan@tengda.com.cn', '+8613800138000', '采购经理'];
    for (const secret of secrets) expect(east).toContain(secret);
    const probes = fc.oneof(
      fc.constantFrom('tengda', '腾达', 'zs', 'zhangsan', '张三', 'tengda.com.cn', '13800138000', '+86 755 8888 6666'),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(probes, fc.constantFrom('q', 'email', 'phone', 'domain', 'name'), async (probe, param) => {
        const value = encodeURIComponent(probe);
        const answers = [
          await t.call('dave', 'GET', `/api/v1/lookup?${param === 'name' ? 'q' : param}=${value}`),
          await t.call('dave', 'GET', `/api/v1/ownership?${param === 'q' ? 'name' : param}=${value}`),
          await t.call('dave', 'GET', `/api/v1/accounts/${tengda}`),
          await t.call('dave', 'GET', `/api/v1/sync/pull?since=0`),
        ];
        const text = JSON.stringify(answers.map((a) => a.body));
        for (const secret of secrets) expect(text).not.toContain(secret);
        expect(text).not.toContain(tengda);
      }),
      { numRuns: 60 },
    );
  });
});

describe('errors', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const t = await makeTestApp();
    const res = await t.call('alice', 'GET', '/api/v1/nothing-here');
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
