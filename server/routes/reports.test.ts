import { beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';

/** Each rep's account with opportunities; amounts are unique per rep so that sums tell who was counted. */
const deals: Record<string, { stage: string; amount: number }[]> = {
  alice: [
    { stage: 'bidding', amount: 100_000 },
    { stage: 'proposal', amount: 1_000 },
  ],
  carol: [{ stage: 'negotiation', amount: 20_000 }],
  dave: [{ stage: 'development', amount: 3_000_000 }],
};

describe('GET /api/v1/reports/…', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
    let client = 0;
    for (const [rep, list] of Object.entries(deals)) {
      const accountId = makeId();
      const batch = [
        {
          hlc: hlcAt(1),
          entity: 'account' as const,
          id: accountId,
          op: 'upsert' as const,
          fields: makeAccount({ name: `${rep} 的客户` }),
        },
        ...list.map((deal) => ({
          hlc: hlcAt(2),
          entity: 'opportunity' as const,
          id: makeId(),
          op: 'upsert' as const,
          fields: { accountId, name: `${rep} ${deal.stage}`, stage: deal.stage, amount: deal.amount, currency: 'CNY' },
        })),
        {
          hlc: hlcAt(3),
          entity: 'transaction' as const,
          id: makeId(),
          op: 'upsert' as const,
          fields: { accountId, at: '2026-11-01T00:00:00.000Z', amount: 1_200_000, currency: 'CNY' },
        },
      ];
      client++;
      const res = await t.push(rep, `0193a000-0000-7000-8000-00000000000${client}`, mutations(1, batch));
      expect(res.status).toBe(200);
    }
  });

  const pipeline = async (who: string, path = '') => {
    const res = await t.call(who, 'GET', `/api/v1/reports/pipeline${path}`);
    expect(res.status).toBe(200);
    return res.body as Json;
  };

  it.each([
    // a rep: only their own; a manager: their team; an admin: everything
    ['alice', 2, 101_000],
    ['carol', 1, 20_000],
    ['mia', 3, 121_000],
    ['wendy', 1, 3_000_000],
    ['admin', 4, 3_121_000],
  ])('%s sees %i opportunities worth %i', async (who, count, amount) => {
    expect(await pipeline(who)).toMatchObject({ count, amount });
  });

  it('weights each stage by its probability (Σ amount × probability)', async () => {
    const body = await pipeline('mia');
    const stage = (name: string) => body.stages.find((s: Json) => s.stage === name);
    expect(stage('bidding')).toMatchObject({ count: 1, amount: 100_000, weighted: 60_000, probability: 60 });
    expect(body.weighted).toBe(60_000 + 400 + 16_000);
    expect(stage('bidding').cards[0]).toMatchObject({
      name: 'alice bidding',
      accountName: 'alice 的客户',
      owner: 'alice',
    });
  });

  it('narrows a manager’s or admin’s view by rep and team, never a rep’s beyond their own', async () => {
    expect(await pipeline('admin', '?team=west')).toMatchObject({ count: 1, amount: 3_000_000 });
    expect(await pipeline('mia', '?owner=carol')).toMatchObject({ count: 1, amount: 20_000 });
    expect(await pipeline('mia', '?owner=dave')).toMatchObject({ count: 0 });
    expect(await pipeline('alice', '?owner=carol')).toMatchObject({ count: 0 });
  });

  it('pages the opportunity list on the server', async () => {
    const first = await t.call('admin', 'GET', '/api/v1/reports/opportunities?limit=3');
    const second = await t.call('admin', 'GET', '/api/v1/reports/opportunities?limit=3&offset=3');
    expect(first.body).toMatchObject({ total: 4, offset: 0, limit: 3 });
    expect(first.body.items).toHaveLength(3);
    expect(second.body.items).toHaveLength(1);
    const ids = [...first.body.items, ...second.body.items].map((card: Json) => card.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('lists key accounts (revenue ≥ 1,000,000) for the caller only, with the monthly count', async () => {
    const res = await t.call('mia', 'GET', '/api/v1/reports/key-accounts');
    expect(res.status).toBe(200);
    expect(res.body.page.items.map((item: Json) => [item.name, item.reasons])).toEqual([
      ['alice 的客户', ['revenue']],
      ['carol 的客户', ['revenue']],
    ]);
    expect(res.body.perMonth.at(-1)).toEqual({ month: '2026-11', count: 2 });
  });

  it('answers the forecast and the customer structure', async () => {
    const forecast = await t.call('admin', 'GET', '/api/v1/reports/forecast');
    expect(forecast.body.reps.map((rep: Json) => rep.owner).sort()).toEqual(['alice', 'carol', 'dave']);
    const structure = await t.call('admin', 'GET', '/api/v1/reports/structure');
    expect(structure.body).toMatchObject({ customers: 3, revenue: 3_600_000 });
  });

  it('reports churn risk, rep activity with next meetings, and the complaints board for the caller’s team', async () => {
    const accountId = makeId();
    const now = t.clock.now.getTime();
    const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const child = (seq: number, entity: 'activity' | 'complaint', fields: Record<string, unknown>) => ({
      seq,
      hlc: hlcAt(seq),
      entity,
      id: makeId(),
      op: 'upsert' as const,
      fields: { accountId, ...fields },
    });
    const res = await t.push('alice', '0193a000-0000-7000-8000-0000000000a9', [
      {
        seq: 1,
        hlc: hlcAt(1),
        entity: 'account',
        id: accountId,
        op: 'upsert',
        fields: makeAccount({ name: '投诉客户' }),
      },
      child(2, 'activity', {
        type: 'visit',
        at: at(-1),
        by: 'alice',
        summary: '面访',
        next: { at: at(2), place: '北京' },
      }),
      child(3, 'complaint', { at: at(-3), category: 'product-quality', step: 'recorded', summary: 'late' }),
      child(4, 'complaint', { at: at(-20), category: 'other', step: 'assigned', summary: 'rude' }),
    ]);
    expect(res.status).toBe(200);

    const churn = await t.call('mia', 'GET', '/api/v1/reports/churn');
    expect(churn.body.items.map((item: Json) => [item.name, item.reasons])).toEqual([
      ['投诉客户', ['complaints-rising']],
    ]);
    expect((await t.call('wendy', 'GET', '/api/v1/reports/churn')).body.total).toBe(0);

    const activity = (await t.call('mia', 'GET', '/api/v1/reports/activity')).body;
    expect(activity.rows).toEqual([
      expect.objectContaining({ rep: 'alice', total: 1, counts: expect.objectContaining({ visit: 1 }) }),
    ]);
    expect(activity.meetings.items).toEqual([
      expect.objectContaining({ rep: 'alice', place: '北京', accountName: '投诉客户' }),
    ]);

    const complaints = (await t.call('mia', 'GET', '/api/v1/reports/complaints')).body;
    expect(complaints.overdue).toBe(1);
    expect(complaints.steps.find((s: Json) => s.step === 'assigned').cards[0]).toMatchObject({
      summary: 'rude',
      overdue: true,
    });
    expect((await t.call('carol', 'GET', '/api/v1/reports/complaints')).body.overdue).toBe(0);
  });

  it('tells the page who is signed in, and which reps and teams it may filter by', async () => {
    expect((await t.call('mia', 'GET', '/api/v1/reports/me')).body).toEqual({
      user: { name: 'mia', role: 'manager', team: 'east' },
    });
    const people = (await t.call('mia', 'GET', '/api/v1/reports/people')).body;
    expect(people.users.map((user: Json) => user.name)).toEqual(['alice', 'carol', 'mia']);
    expect(people.teams).toEqual(['east']);
    expect((await t.call('alice', 'GET', '/api/v1/reports/people')).body.users).toHaveLength(1);
  });

  it('refuses without credentials (401) and names a bad query field (400)', async () => {
    expect((await t.call(null, 'GET', '/api/v1/reports/pipeline')).status).toBe(401);
    const bad = await t.call('mia', 'GET', '/api/v1/reports/opportunities?limit=5000');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid', field: 'limit' } } });
    const date = await t.call('mia', 'GET', '/api/v1/reports/pipeline?closeFrom=tomorrow');
    expect(date.body.error.field).toBe('closeFrom');
  });
});
