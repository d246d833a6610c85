import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { Scoring } from '../scoring/scoring';

const client = '0193a000-0000-7000-8000-0000000007c1';

describe('PATCH /api/v1/accounts/:id', () => {
  let t: TestApp;
  let scoring: Scoring;
  let accountId: string;
  beforeEach(async () => {
    t = await makeTestApp();
    scoring = new Scoring({ storage: t.deps.storage, now: t.deps.now, settleMs: 5, scheduleMs: null, chunkSize: 2 });
    t.deps.scoring = scoring;
    t.deps.rescore = async (id) => scoring.touched(id);
    accountId = makeId();
    const res = await t.push(
      'alice',
      client,
      mutations(1, [{ hlc: hlcAt(1), entity: 'account', id: accountId, op: 'upsert', fields: makeAccount() }]),
    );
    expect(res.status).toBe(200);
  });
  afterEach(() => scoring.stop());

  const edit = (who: string, body: unknown) => t.call(who, 'PATCH', `/api/v1/accounts/${accountId}`, body);
  const pulled = async (who: string) => (await t.pullAll(who)).find((change: Json) => change.id === accountId);

  it('writes a needs edit as a push: the rep pulls it with a newer version and re-computed grades', async () => {
    const before = await pulled('alice');
    expect(before.fields.grades).toMatchObject({ qualification: 'A' });
    const res = await edit('mia', { needs: { aware: false, match: 'low' } });
    expect(res.status).toBe(200);
    expect(res.body.grades.qualification).not.toBe('A');
    const after = await pulled('alice');
    expect(after.version).toBeGreaterThan(before.version);
    // A part of a group keeps the rest of it.
    expect(after.fields.needs).toEqual({ aware: false, match: 'low', budgetTotal: 600_000, budgetMatching: 120_000 });
    expect(after.fields.grades.qualification).toBe(res.body.grades.qualification);
    expect(after.fields.grades).not.toEqual(before.fields.grades);
  });

  it.each([
    ['alice', 'owner rep', { name: '腾达科技（深圳）', tags: ['重点'] }, 200],
    ['mia', 'manager of the team', { contract: { annualValue: 800_000 }, strategic: true }, 200],
    ['admin', 'admin', { region: '广东', website: 'https://tenda.example' }, 200],
    ['alice', 'rep marking strategic', { strategic: true }, 403],
    ['carol', 'rep of the team on another rep’s card', { industry: '制造' }, 403],
    ['dave', 'rep of another team', { industry: '制造' }, 403],
    ['wendy', 'manager of another team', { industry: '制造' }, 403],
  ])('%s (%s) → %s', async (who, _role, body, status) => {
    const res = await edit(who, body);
    expect(res.status).toBe(status);
    if (status === 200) expect((await pulled('alice')).fields).toMatchObject(body);
    else expect(res.body.error.code).toBe('forbidden');
  });

  it.each([
    [{ needs: { match: 'very' } }, 'needs.match'],
    [{ name: '' }, 'name'],
    [{ status: 'friend' }, 'status'],
    [{ contract: { annualValue: -1 } }, 'contract.annualValue'],
    [{ owner: 'mia' }, 'owner'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await edit('mia', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('answers 404 for an unknown card', async () => {
    expect((await t.call('mia', 'PATCH', `/api/v1/accounts/${makeId()}`, { industry: 'x' })).status).toBe(404);
  });
});
