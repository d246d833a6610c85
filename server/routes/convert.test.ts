import { afterEach, describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { Scoring } from '../scoring/scoring';

const client = '0193a000-0000-7000-8000-0000000005c3';
const running: Scoring[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function withLead(leadStatus: 'new' | 'qualified'): Promise<{ t: TestApp; account: string }> {
  const t = await makeTestApp();
  const scoring = new Scoring({ storage: t.deps.storage, now: t.deps.now, scheduleMs: null, settleMs: 5 });
  running.push(scoring);
  t.deps.scoring = scoring;
  t.deps.rescore = async (id) => scoring.touched(id);
  const account = makeId();
  const steps = leadStatus === 'new' ? [] : (['contacted', 'qualified'] as const);
  const res = await t.push(
    'alice',
    client,
    mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount() },
      ...steps.map((step, i) => ({
        hlc: hlcAt(i + 2),
        entity: 'account' as const,
        id: account,
        op: 'upsert' as const,
        fields: { leadStatus: step },
      })),
    ]),
  );
  expect(res.status).toBe(200);
  return { t, account };
}

describe('POST /api/v1/accounts/:id/convert', () => {
  it('makes a qualified lead a customer with an opportunity at stage 1, graded, pulled by its viewers', async () => {
    const { t, account } = await withLead('qualified');
    const res = await t.call('alice', 'POST', `/api/v1/accounts/${account}/convert`, {
      opportunity: { name: '二期扩容', amount: 800_000, expectedClose: '2027-03-31' },
    });
    expect(res.status).toBe(200);
    expect(res.body.fields).toMatchObject({ status: 'customer', leadStatus: 'converted', owner: 'alice' });
    expect(res.body.grades).toMatchObject({ ruleVersion: 1 });
    const card = (await t.call('alice', 'GET', `/api/v1/accounts/${account}`)).body;
    expect(card.opportunities).toEqual([
      expect.objectContaining({
        id: res.body.opportunityId,
        name: '二期扩容',
        amount: 800_000,
        currency: 'CNY',
        stage: 'development',
        expectedClose: '2027-03-31',
      }),
    ]);
    const pulled = await t.pullAll('mia');
    expect(pulled.find((c: Json) => c.id === account).fields.leadStatus).toBe('converted');
    expect(pulled.some((c: Json) => c.entity === 'opportunity' && c.id === res.body.opportunityId)).toBe(true);
    // Converted is final.
    const again = await t.call('alice', 'POST', `/api/v1/accounts/${account}/convert`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'lead-status', field: 'leadStatus' });
  });

  it('converts without an opportunity when none is asked for', async () => {
    const { t, account } = await withLead('qualified');
    const res = await t.call('alice', 'POST', `/api/v1/accounts/${account}/convert`, {});
    expect(res.body).toMatchObject({ opportunityId: null, fields: { status: 'customer' } });
    expect((await t.call('alice', 'GET', `/api/v1/accounts/${account}`)).body.opportunities).toEqual([]);
  });

  it('refuses a lead that is not qualified (409), a card the caller may not see (404), a bad body (400)', async () => {
    const { t, account } = await withLead('new');
    const early = await t.call('alice', 'POST', `/api/v1/accounts/${account}/convert`, {});
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'lead-status', field: 'leadStatus' });
    expect((await t.call('dave', 'POST', `/api/v1/accounts/${account}/convert`, {})).status).toBe(404);
    const bad = await t.call('alice', 'POST', `/api/v1/accounts/${account}/convert`, { opportunity: { amount: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('opportunity.name');
    expect((await t.call('alice', 'GET', `/api/v1/accounts/${account}`)).body.fields.status).toBe('lead');
  });

  it('writes nothing when the card changed meanwhile or a newer write would win (storage.writeAsServer)', async () => {
    const { t, account } = await withLead('qualified');
    const write = (hlc: string, value: unknown) =>
      t.deps.storage.writeAsServer({
        records: [
          { entity: 'account', id: account, accountId: account, hlc, createdBy: 'x', fields: { status: 'customer' } },
        ],
        expect: { entity: 'account', id: account, field: 'leadStatus', value },
        now: t.clock.now.toISOString(),
      });
    expect(await write(hlcAt(100), 'new')).toBe('conflict');
    // The card's status was written at hlcAt(1): an older server HLC loses, so none of the write applies.
    expect(await write(hlcAt(0), 'qualified')).toBe('conflict');
    expect((await t.deps.storage.account(account))?.fields.status).toBe('lead');
    expect(await write(hlcAt(100), 'qualified')).toBe('written');
    expect((await t.deps.storage.account(account))?.fields.status).toBe('customer');
  });
});
