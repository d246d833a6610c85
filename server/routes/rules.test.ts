import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { makeAccount, makeContact, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { Scoring } from '../scoring/scoring';

const client = '0193a000-0000-7000-8000-0000000005c1';
const running: Scoring[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** The test app with the server's scoring wired as in server/main.ts, small chunks so batches take steps. */
async function scoredApp(): Promise<{ t: TestApp; scoring: Scoring }> {
  const t = await makeTestApp();
  const scoring = new Scoring({
    storage: t.deps.storage,
    now: t.deps.now,
    settleMs: 5,
    scheduleMs: null,
    chunkSize: 2,
  });
  running.push(scoring);
  t.deps.scoring = scoring;
  t.deps.rescore = async (accountId) => scoring.touched(accountId);
  return { t, scoring };
}

function withBands(hot: number, warm: number) {
  return { ...DEFAULT_RULES, leadScore: { ...DEFAULT_RULES.leadScore, bands: { hot, warm } } };
}

const cardOf = async (t: TestApp, account: string) =>
  (await t.call('alice', 'GET', `/api/v1/accounts/${account}`)).body;

describe('GET /api/v1/rules', () => {
  it('starts at version 1, the default rules by "system", for any signed-in user', async () => {
    const { t } = await scoredApp();
    const res = await t.call('alice', 'GET', '/api/v1/rules');
    expect(res.status).toBe(200);
    expect(res.body.current).toEqual({
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      createdBy: 'system',
      rules: DEFAULT_RULES,
    });
    expect(res.body.history).toEqual([{ version: 1, createdAt: res.body.current.createdAt, createdBy: 'system' }]);
    expect((await t.call(null, 'GET', '/api/v1/rules')).status).toBe(401);
  });
});

describe('PUT /api/v1/rules', () => {
  it.each(['alice', 'mia'])('refuses %s (not an admin) with 403 and stores nothing', async (name) => {
    const { t } = await scoredApp();
    const res = await t.call(name, 'PUT', '/api/v1/rules', { rules: withBands(80, 50) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await t.call('admin', 'GET', '/api/v1/rules')).body.history).toHaveLength(1);
  });

  it.each([
    ['hot not above warm', withBands(40, 40), 'rules.leadScore.bands.hot', 'invalid-rules'],
    [
      'a referral below another source',
      {
        ...DEFAULT_RULES,
        leadScore: {
          ...DEFAULT_RULES.leadScore,
          engagement: {
            ...DEFAULT_RULES.leadScore.engagement,
            source: { points: { ...DEFAULT_RULES.leadScore.engagement.source.points, referral: 1 } },
          },
        },
      },
      'rules.leadScore.engagement.source.points.referral',
      'invalid-rules',
    ],
    ['an unknown rule', { ...DEFAULT_RULES, bonus: 5 }, 'rules', 'invalid-rules'],
    ['a missing rule', { ...DEFAULT_RULES, rfm: undefined }, 'rules.rfm', 'invalid-rules'],
    ['no rules at all', undefined, 'rules', 'invalid'],
  ])('answers 400 naming the rule and field for %s, and stores nothing', async (_, rules, field, code) => {
    const { t } = await scoredApp();
    const res = await t.call('admin', 'PUT', '/api/v1/rules', { rules });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, field });
    expect(res.body.error.message).toContain(field);
    expect((await t.call('admin', 'GET', '/api/v1/rules')).body.history).toHaveLength(1);
  });

  it('creates a new version (never edits one), listed newest first, with its diff', async () => {
    const { t } = await scoredApp();
    t.clock.advanceDays(1);
    const res = await t.call('admin', 'PUT', '/api/v1/rules', { rules: withBands(75, 45), basedOn: 1 });
    expect(res.status).toBe(201);
    expect(res.body.document).toEqual({
      version: 2,
      createdAt: '2026-11-23T09:00:00.000Z',
      createdBy: 'admin',
      rules: withBands(75, 45),
    });
    const listed = (await t.call('alice', 'GET', '/api/v1/rules')).body;
    expect(listed.current.version).toBe(2);
    expect(listed.history.map((h: Json) => [h.version, h.createdBy])).toEqual([
      [2, 'admin'],
      [1, 'system'],
    ]);
    expect((await t.call('alice', 'GET', '/api/v1/rules/1')).body.rules).toEqual(DEFAULT_RULES);
    expect((await t.call('alice', 'GET', '/api/v1/rules/1/diff/2')).body).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: 'leadScore.bands.hot', from: 70, to: 75 },
        { path: 'leadScore.bands.warm', from: 40, to: 45 },
      ],
    });
    expect((await t.call('alice', 'GET', '/api/v1/rules/2/diff/2')).body.changes).toEqual([]);
    expect((await t.call('alice', 'GET', '/api/v1/rules/1/diff/9')).body.error).toMatchObject({
      code: 'not-found',
      field: 'other',
    });
    expect((await t.call('alice', 'GET', '/api/v1/rules/x/diff/1')).status).toBe(400);
    // An editor that started from version 1 cannot silently undo version 2.
    const stale = await t.call('admin', 'PUT', '/api/v1/rules', { rules: DEFAULT_RULES, basedOn: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale-rules', field: 'basedOn' });
  });
});

describe('scoring on push and after a rule change', () => {
  it('grades a pushed account in the push itself: the next pull and GET accounts/:id show it', async () => {
    const { t } = await scoredApp();
    const account = makeId();
    const first = await t.push(
      'alice',
      client,
      mutations(1, [{ hlc: hlcAt(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount() }]),
    );
    expect(first.status).toBe(200);
    // No waiting: the grades were written in the push's transaction.
    const before = await cardOf(t, account);
    expect(before.grades).toMatchObject({ qualification: 'A', ruleVersion: 1 });
    const contact = makeContact({ accountId: account, title: '总经理' });
    await t.push(
      'alice',
      client,
      mutations(2, [{ hlc: hlcAt(2), entity: 'contact', id: makeId(), op: 'upsert', fields: contact }]),
    );
    const after = await cardOf(t, account);
    // 总经理 is the executive tier: 15 fit points the card did not have before.
    expect(after.grades.score.value).toBe(before.grades.score.value + 15);
    expect(after.grades.score.lines).toContainEqual(expect.objectContaining({ rule: expect.any(String), points: 15 }));
    expect(after.version).toBeGreaterThan(before.version);
    const pulled = (await t.pullAll('alice')).find((c: Json) => c.id === account);
    expect(pulled.fields.grades).toEqual(after.grades);
  });

  it('re-scores every account after a rule change, in chunks, and the progress reaches done = total', async () => {
    const { t, scoring } = await scoredApp();
    const accounts = [makeId(), makeId(), makeId(), makeId(), makeId()];
    await t.push(
      'alice',
      client,
      mutations(
        1,
        accounts.map((id, i) => ({
          hlc: hlcAt(i + 1),
          entity: 'account' as const,
          id,
          op: 'upsert' as const,
          fields: makeAccount(),
        })),
      ),
    );
    await scoring.idle();
    const before = await cardOf(t, accounts[0] as string);
    expect(before.grades.score.band).not.toBe('hot');
    const hot = before.grades.score.value;
    const put = await t.call('admin', 'PUT', '/api/v1/rules', { rules: withBands(hot, Math.max(hot - 10, 0)) });
    expect(put.status).toBe(201);
    expect(put.body.rescore).toMatchObject({ running: true });
    await scoring.idle();
    const progress = (await t.call('alice', 'GET', '/api/v1/rules/rescore')).body;
    expect(progress).toEqual({ version: 2, done: 5, total: 5, running: false });
    for (const id of accounts) {
      const card = await cardOf(t, id);
      expect(card.grades).toMatchObject({ ruleVersion: 2, score: { value: hot, band: 'hot' } });
    }
    const pulled = (await t.pullAll('alice')).filter((c: Json) => c.entity === 'account');
    expect(pulled.map((c: Json) => c.fields.grades.ruleVersion)).toEqual([2, 2, 2, 2, 2]);
    // Back to the defaults: the same scores as before, under a third version.
    await t.call('admin', 'PUT', '/api/v1/rules', { rules: DEFAULT_RULES });
    await scoring.idle();
    const restored = await cardOf(t, accounts[0] as string);
    expect({ ...restored.grades, ruleVersion: 1 }).toEqual(before.grades);
    expect(restored.grades.ruleVersion).toBe(3);
  });

  it('recomputes the population grades (pyramid, ABC, F and M) as a batch once pushes settle', async () => {
    const { t, scoring } = await scoredApp();
    const big = makeId();
    const small = makeId();
    const sale = (accountId: string, amount: number) => ({
      accountId,
      at: '2026-11-01T00:00:00.000Z',
      amount,
      currency: 'CNY',
      product: null,
      paidAt: null,
    });
    await t.push(
      'alice',
      client,
      mutations(1, [
        { hlc: hlcAt(1), entity: 'account', id: big, op: 'upsert', fields: makeAccount({ status: 'customer' }) },
        { hlc: hlcAt(2), entity: 'account', id: small, op: 'upsert', fields: makeAccount({ status: 'customer' }) },
        { hlc: hlcAt(3), entity: 'transaction', id: makeId(), op: 'upsert', fields: sale(big, 900_000) },
        { hlc: hlcAt(4), entity: 'transaction', id: makeId(), op: 'upsert', fields: sale(small, 10_000) },
      ]),
    );
    // Graded in the push against the population before it: no ranks yet.
    expect((await cardOf(t, big)).grades).toMatchObject({ pyramid: null, abc: null });
    scoring.settleNow();
    await scoring.idle();
    expect((await cardOf(t, big)).grades).toMatchObject({ pyramid: 'top', abc: 'A', rfm: { r: 4 } });
    expect((await cardOf(t, small)).grades).toMatchObject({ pyramid: 'small', abc: 'C' });
    expect(scoring.progress('population')).toEqual({ version: 1, done: 2, total: 2, running: false });
  });

  it('settles on its own after the quiet time', async () => {
    const { t, scoring } = await scoredApp();
    const account = makeId();
    await t.push(
      'alice',
      client,
      mutations(1, [{ hlc: hlcAt(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount() }]),
    );
    await expect.poll(() => scoring.progress('population').version, { timeout: 2000 }).toBe(1);
    // The account has no transactions: the population batch had nothing to re-grade.
    expect(scoring.progress('population')).toMatchObject({ total: 0, running: false });
  });
});

describe('the lead status flow in a push', () => {
  const move = async (t: TestApp, account: string, seq: number, fields: Json) =>
    t.push(
      'alice',
      client,
      mutations(seq, [{ hlc: hlcAt(seq + 10), entity: 'account', id: account, op: 'upsert', fields }]),
    );

  it('refuses a move off the flow (409) or a disqualification without a reason (400), naming the field', async () => {
    const { t } = await scoredApp();
    const account = makeId();
    expect((await move(t, account, 1, makeAccount())).status).toBe(200);
    const skip = await move(t, account, 2, { leadStatus: 'converted' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ code: 'lead-status', field: 'mutations.0.fields.leadStatus' });
    const bare = await move(t, account, 2, { leadStatus: 'disqualified' });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'reason-required', field: 'mutations.0.fields.disqualifyReason' });
    // Nothing was written: the same seq goes through once it follows the flow.
    expect((await cardOf(t, account)).fields.leadStatus).toBe('new');
    expect((await move(t, account, 2, { leadStatus: 'contacted' })).body).toEqual({ ackedSeq: 2 });
    expect((await move(t, account, 3, { leadStatus: 'disqualified', disqualifyReason: '预算取消' })).status).toBe(200);
    expect((await move(t, account, 4, { leadStatus: 'contacted' })).status).toBe(200);
    expect((await move(t, account, 5, { leadStatus: 'qualified' })).status).toBe(200);
    expect((await move(t, account, 6, { leadStatus: 'converted' })).status).toBe(200);
    expect((await cardOf(t, account)).fields.leadStatus).toBe('converted');
  });

  it('lets one batch walk the flow step by step, and lets a replay through', async () => {
    const { t } = await scoredApp();
    const account = makeId();
    const batch = mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount() },
      { hlc: hlcAt(2), entity: 'account', id: account, op: 'upsert', fields: { leadStatus: 'contacted' } },
      { hlc: hlcAt(3), entity: 'account', id: account, op: 'upsert', fields: { leadStatus: 'qualified' } },
    ]);
    expect((await t.push('alice', client, batch)).body).toEqual({ ackedSeq: 3 });
    expect((await t.push('alice', client, batch)).body).toEqual({ ackedSeq: 3 });
    expect((await cardOf(t, account)).fields.leadStatus).toBe('qualified');
  });
});
