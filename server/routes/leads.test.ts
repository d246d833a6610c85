import { beforeAll, describe, expect, it } from 'vitest';
import type { Grades } from '../../shared/schema/entities';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';

const POOLED = '杭州恒达物流有限公司';

const grade = (value: number, band: 'hot' | 'warm' | 'cold', qualification: 'A' | 'B' | 'C'): Grades => ({
  score: { value, band, lines: [{ rule: 'source', field: 'source', points: 10, text: 'source referral: +10' }] },
  qualification,
  rfm: null,
  pyramid: null,
  abc: null,
  keyAccount: { value: false, reasons: [] },
  credit: null,
  loyalty: null,
  churnRisk: { value: false, reasons: [] },
  ruleVersion: 1,
});

describe('GET /api/v1/reports/leads and the ownership endpoints behind its bulk actions', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await makeTestApp();
    const cards: [string, string, 'lead' | 'customer', number, 'hot' | 'warm' | 'cold', 'A' | 'B' | 'C'][] = [
      ['alice', '深圳华信软件有限公司', 'lead', 82, 'hot', 'A'],
      ['alice', 'Bluepeak Software Inc', 'lead', 45, 'warm', 'B'],
      ['alice', 'Customer Ltd', 'customer', 60, 'warm', 'A'],
      ['carol', '杭州恒达物流有限公司', 'lead', 20, 'cold', 'C'],
      ['dave', 'Harbor Foods LLC', 'lead', 71, 'hot', 'B'],
    ];
    let client = 0;
    for (const [rep, name, status, value, band, q] of cards) {
      const id = makeId();
      ids[name] = id;
      client++;
      const fields = makeAccount({ name, status, leadStatus: status === 'lead' ? 'contacted' : 'converted' });
      const res = await t.push(
        rep,
        `0193b000-0000-7000-8000-00000000000${client}`,
        mutations(1, [{ hlc: hlcAt(client), entity: 'account', id, op: 'upsert', fields }]),
      );
      expect(res.status).toBe(200);
      await t.deps.storage.setGrades(id, grade(value, band, q));
    }
    // carol's lead goes to the east pool (公海).
    expect((await t.call('mia', 'POST', `/api/v1/accounts/${ids[POOLED]}/release`, {})).status).toBe(200);
  });

  const leads = async (who: string, q = '') => {
    const res = await t.call(who, 'GET', `/api/v1/reports/leads${q}`);
    expect(res.status).toBe(200);
    return res.body as Json;
  };

  it.each([
    // a rep: their own leads and their team's pool; a manager: the team; an admin: all. Customers are not leads.
    ['alice', ['深圳华信软件有限公司', 'Bluepeak Software Inc', '杭州恒达物流有限公司']],
    ['carol', ['杭州恒达物流有限公司']],
    ['mia', ['深圳华信软件有限公司', 'Bluepeak Software Inc', '杭州恒达物流有限公司']],
    ['dave', ['Harbor Foods LLC']],
    ['admin', ['深圳华信软件有限公司', 'Harbor Foods LLC', 'Bluepeak Software Inc', '杭州恒达物流有限公司']],
  ])('%s sees the leads %j, best score first', async (who, names) => {
    const body = await leads(who);
    expect(body.items.map((i: Json) => i.name)).toEqual(names);
    expect(body.total).toBe(names.length);
  });

  it('gives score, band, 甲/乙/丙, lead status, owner and source', async () => {
    const body = await leads('mia');
    expect(body.items[0]).toMatchObject({
      name: '深圳华信软件有限公司',
      score: 82,
      band: 'hot',
      qualification: 'A',
      leadStatus: 'contacted',
      owner: 'alice',
      team: 'east',
      source: 'web',
    });
    expect(body.items[2].owner).toBeNull();
  });

  it.each([
    ['?band=hot', ['深圳华信软件有限公司', 'Harbor Foods LLC']],
    ['?qualification=B', ['Harbor Foods LLC', 'Bluepeak Software Inc']],
    ['?pool=1', ['杭州恒达物流有限公司']],
    ['?owner=dave', ['Harbor Foods LLC']],
    ['?q=software', ['Bluepeak Software Inc']],
    [
      '?sort=score&dir=asc',
      ['杭州恒达物流有限公司', 'Bluepeak Software Inc', 'Harbor Foods LLC', '深圳华信软件有限公司'],
    ],
    ['?limit=2&offset=2', ['Bluepeak Software Inc', '杭州恒达物流有限公司']],
  ])('filters, sorts and pages on the server: %s', async (q, names) => {
    const body = await leads('admin', q);
    expect(body.items.map((i: Json) => i.name)).toEqual(names);
  });

  it.each([
    ['?band=boiling', 'band'],
    ['?sort=colour', 'sort'],
    ['?limit=500', 'limit'],
  ])('refuses %s naming the field', async (q, field) => {
    const res = await t.call('admin', 'GET', `/api/v1/reports/leads${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('a rep claims from the pool, the list follows; a rep may not assign', async () => {
    const id = ids[POOLED] as string;
    expect((await t.call('alice', 'POST', `/api/v1/accounts/${id}/assign`, { to: 'alice' })).status).toBe(403);
    expect((await t.call('alice', 'POST', `/api/v1/accounts/${id}/claim`, {})).status).toBe(200);
    const body = await leads('carol');
    expect(body.items).toEqual([]);
    expect((await leads('alice')).items.find((i: Json) => i.id === id).owner).toBe('alice');
  });
});
