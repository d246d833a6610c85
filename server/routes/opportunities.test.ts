import { beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { pageClientId } from './opportunities';

describe('POST /api/v1/opportunities/:id/stage', () => {
  let t: TestApp;
  let opportunityId: string;
  beforeEach(async () => {
    t = await makeTestApp();
    const accountId = makeId();
    opportunityId = makeId();
    const res = await t.push(
      'alice',
      '0193a000-0000-7000-8000-0000000000c1',
      mutations(1, [
        { hlc: hlcAt(1), entity: 'account', id: accountId, op: 'upsert', fields: makeAccount() },
        {
          hlc: hlcAt(2),
          entity: 'opportunity',
          id: opportunityId,
          op: 'upsert',
          fields: { accountId, name: '智慧工厂', stage: 'development', amount: 500_000, currency: 'CNY', gates: {} },
        },
      ]),
    );
    expect(res.status).toBe(200);
  });

  const move = (who: string, body: unknown) =>
    t.call(who, 'POST', `/api/v1/opportunities/${opportunityId}/stage`, body);
  const pulled = async (who: string) =>
    (await t.pullAll(who)).find((change: Json) => change.id === opportunityId)?.fields as Json;

  it('refuses a move that skips a key node, naming the missing gates', async () => {
    const res = await move('alice', { stage: 'proposal' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'missing-gates', field: 'stage' });
    expect(res.body.missing).toEqual([
      { stage: 'development', gate: 'projectInfo' },
      { stage: 'initiation', gate: 'presalesApproved' },
    ]);
    expect((await pulled('alice')).stage).toBe('development');
  });

  it('lets a manager override with a reason, recorded on the opportunity and synced to the rep', async () => {
    expect((await move('alice', { stage: 'initiation', override: { reason: 'I say so' } })).body.error.code).toBe(
      'override-not-manager',
    );
    const res = await move('mia', { stage: 'initiation', override: { reason: '客户已口头确认立项' } });
    expect(res).toMatchObject({ status: 200, body: { stage: 'initiation', probability: 20 } });
    expect(await pulled('alice')).toMatchObject({
      stage: 'initiation',
      stageOverride: { by: 'mia', reason: '客户已口头确认立项' },
    });
    // The page writes as one sync client per user: the next move continues its sequence.
    expect(pageClientId(t.users.mia!)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await move('mia', { stage: 'development' })).status).toBe(200);
    expect((await pulled('alice')).stage).toBe('development');
  });

  it('moves without override once the gate data is there; lost needs a reason', async () => {
    await t.push(
      'alice',
      '0193a000-0000-7000-8000-0000000000c1',
      mutations(3, [
        {
          hlc: hlcAt(3),
          entity: 'opportunity',
          id: opportunityId,
          op: 'upsert',
          fields: { gates: { projectInfo: true } },
        },
      ]),
    );
    expect((await move('alice', { stage: 'initiation' })).status).toBe(200);
    const lost = await move('alice', { stage: 'lost' });
    expect(lost).toMatchObject({ status: 400, body: { error: { code: 'lost-reason-required', field: 'lostReason' } } });
    expect((await move('alice', { stage: 'lost', lostReason: 'budget cut' })).status).toBe(200);
    expect(await pulled('alice')).toMatchObject({ stage: 'lost', lostReason: 'budget cut' });
  });

  it('answers 404 to whoever may not see the opportunity, and names a bad stage', async () => {
    expect((await move('wendy', { stage: 'initiation' })).status).toBe(404);
    expect((await move('dave', { stage: 'initiation' })).status).toBe(404);
    const bad = await move('alice', { stage: 'won' });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'stage' } } });
  });
});
