import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { makeAccount, makeId } from '../../test/factories/entities';
import { hlcAt, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import { nextFullRescore, SCORING_REVISION, Scoring, type ScoringOptions } from './scoring';

const client = '0193a000-0000-7000-8000-0000000005c2';
const running: Scoring[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function setup(count: number, options: Partial<ScoringOptions> = {}) {
  const t = await makeTestApp();
  const logs: string[] = [];
  const scoring = new Scoring({
    storage: t.deps.storage,
    now: t.deps.now,
    log: (line) => logs.push(line),
    scheduleMs: null,
    chunkSize: 1,
    ...options,
  });
  running.push(scoring);
  t.deps.scoring = scoring;
  t.deps.rescore = async (accountId) => scoring.touched(accountId);
  const ids = Array.from({ length: count }, () => makeId());
  if (count > 0)
    await t.push(
      'alice',
      client,
      mutations(
        1,
        ids.map((id, i) => ({ hlc: hlcAt(i + 1), entity: 'account', id, op: 'upsert', fields: makeAccount() })),
      ),
    );
  return { t, scoring, ids, logs };
}

const gradesOf = async (t: TestApp, id: string) => (await t.deps.storage.account(id))?.grades;

describe('the background re-score', () => {
  it('yields to the event loop between chunks: requests are answered while it runs', async () => {
    const { t, scoring } = await setup(40);
    scoring.request('all');
    const health = await t.call(null, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    const during = scoring.progress();
    expect(during.running).toBe(true);
    expect(during.done).toBeLessThan(40);
    await scoring.idle();
    expect(scoring.progress()).toEqual({ version: 1, done: 40, total: 40, running: false });
  });

  it('stops a running batch when the rules change and starts over with the new version', async () => {
    const { scoring, t, ids, logs } = await setup(30);
    scoring.request('all');
    await new Promise((resolve) => setImmediate(resolve));
    const rules = { ...DEFAULT_RULES, leadScore: { ...DEFAULT_RULES.leadScore, bands: { hot: 30, warm: 20 } } };
    const saved = await scoring.changeRules(rules, 'admin');
    expect(saved.ok).toBe(true);
    expect(scoring.progress().running).toBe(true);
    await scoring.idle();
    // The version-1 batch never finished (it would have logged); the version-2 one did, over every account.
    expect(logs.filter((l) => l.startsWith('rescore all'))).toEqual(['rescore all v2: 30 accounts, 30 changed']);
    expect(scoring.progress()).toEqual({ version: 2, done: 30, total: 30, running: false });
    for (const id of ids) expect((await gradesOf(t, id))?.ruleVersion).toBe(2);
  });

  it('writes only grades that changed, and never over a push that re-graded the account meanwhile', async () => {
    const { t, scoring, ids } = await setup(3);
    scoring.request('all');
    await scoring.idle();
    // Nothing changed since the push graded them: the batch writes nothing, so no new versions to pull.
    const before = await Promise.all(ids.map(async (id) => (await t.deps.storage.account(id))?.version));
    scoring.request('all');
    await scoring.idle();
    expect(await Promise.all(ids.map(async (id) => (await t.deps.storage.account(id))?.version))).toEqual(before);
    const [card] = await t.deps.storage.scoringCards([ids[0] as string]);
    if (!card?.grades) throw new Error('expected a graded card');
    await t.push(
      'alice',
      client,
      mutations(4, [{ hlc: hlcAt(9), entity: 'account', id: card.id, op: 'upsert', fields: { employees: 5000 } }]),
    );
    const stale = { ...card.grades, ruleVersion: 99 };
    expect(await t.deps.storage.setGradesMany([{ accountId: card.id, version: card.version, grades: stale }])).toBe(0);
    expect((await gradesOf(t, card.id))?.ruleVersion).toBe(1);
  });

  it('runs a first full batch at start and again on the schedule, until stopped', async () => {
    const { scoring, logs } = await setup(2, { scheduleMs: 20 });
    await scoring.start();
    await expect.poll(() => logs.filter((l) => l.startsWith('rescore all')).length).toBeGreaterThanOrEqual(2);
    await scoring.stop();
    const seen = logs.length;
    scoring.touched('any');
    scoring.request('all');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(logs.length).toBe(seen);
    expect(scoring.progress().running).toBe(false);
  });
});

describe('the population batch', () => {
  it('re-grades only when the batch statistics changed', async () => {
    const { t, scoring, ids } = await setup(2);
    const sale = (amount: number) => ({
      accountId: ids[0] as string,
      at: '2026-11-01T00:00:00.000Z',
      amount,
      currency: 'CNY',
      product: null,
      paidAt: null,
    });
    await t.push(
      'alice',
      client,
      mutations(3, [{ hlc: hlcAt(10), entity: 'transaction', id: makeId(), op: 'upsert', fields: sale(5000) }]),
    );
    scoring.request('population');
    await scoring.idle();
    expect(scoring.progress('population')).toMatchObject({ done: 1, total: 1 });
    expect((await gradesOf(t, ids[0] as string))?.pyramid).toBe('top');
    // A change that moves no cut point and no rank: the accounts were graded in the push, nothing is stale.
    await t.push(
      'alice',
      client,
      mutations(4, [
        { hlc: hlcAt(11), entity: 'account', id: ids[1] as string, op: 'upsert', fields: { employees: 9 } },
      ]),
    );
    scoring.request('population');
    await scoring.idle();
    expect(scoring.progress('population')).toMatchObject({ done: 0, total: 0 });
  });
});

describe('the rule store', () => {
  it('keeps every version and refuses to overwrite one', async () => {
    const { t } = await setup(0);
    const storage = t.deps.storage;
    const [first] = await storage.ruleDocuments();
    expect(first).toMatchObject({ version: 1, createdBy: 'system', rules: DEFAULT_RULES });
    const next = { version: 2, createdAt: '2026-11-22T10:00:00.000Z', createdBy: 'admin', rules: DEFAULT_RULES };
    expect(await storage.addRuleDocument(next)).toEqual(next);
    expect(await storage.addRuleDocument({ ...next, createdBy: 'someone else' })).toBe('exists');
    expect((await storage.ruleDocuments()).map((d) => [d.version, d.createdBy])).toEqual([
      [1, 'system'],
      [2, 'admin'],
    ]);
  });
});

describe('the full re-score at start', () => {
  const current = { ruleVersion: 3, revision: SCORING_REVISION };
  const hour = 3_600_000;

  it('runs at once when none completed, or with other rules or other grading code', () => {
    expect(nextFullRescore(null, current, 1_000, hour)).toBe(0);
    expect(nextFullRescore({ ...current, ruleVersion: 2, at: 1_000 }, current, 1_000, hour)).toBe(0);
    expect(nextFullRescore({ ...current, revision: SCORING_REVISION - 1, at: 1_000 }, current, 1_000, hour)).toBe(0);
    expect(nextFullRescore({ ...current, ruleVersion: 2, at: 1_000 }, current, 1_000, null)).toBe(0);
  });

  it('waits for the rest of the period after a current one, runs at once when it is over, never without a schedule', () => {
    expect(nextFullRescore({ ...current, at: 10_000 }, current, 10_000 + 600_000, hour)).toBe(hour - 600_000);
    expect(nextFullRescore({ ...current, at: 10_000 }, current, 10_000 + hour, hour)).toBe(0);
    expect(nextFullRescore({ ...current, at: 10_000 }, current, 10_000 + 5 * hour, hour)).toBe(0);
    expect(nextFullRescore({ ...current, at: 10_000 }, current, 10_000 + 5 * hour, null)).toBeNull();
    // A mark from the future (clock set back) postpones by one period at most.
    expect(nextFullRescore({ ...current, at: 10 * hour }, current, 0, hour)).toBe(hour);
  });

  it('remembers a completed full re-score, so the next start only loads the population statistics', async () => {
    const { t, scoring, ids, logs } = await setup(3, { scheduleMs: 60_000 });
    const sale = { accountId: ids[0], at: '2026-11-01T00:00:00.000Z', amount: 900, currency: 'CNY' };
    const pushed = await t.push(
      'alice',
      client,
      mutations(4, [{ hlc: hlcAt(10), entity: 'transaction', id: makeId(), op: 'upsert', fields: sale }]),
    );
    expect(pushed.status).toBe(200);
    expect(await t.deps.storage.lastFullRescore()).toBeNull();
    await scoring.start();
    await scoring.idle();
    expect(logs.filter((l) => l.startsWith('rescore all'))).toHaveLength(1);
    expect(await t.deps.storage.lastFullRescore()).toEqual({
      ruleVersion: 1,
      revision: SCORING_REVISION,
      at: t.deps.now().getTime(),
    });

    const restarted = new Scoring({
      storage: t.deps.storage,
      now: t.deps.now,
      log: (l) => logs.push(l),
      scheduleMs: 60_000,
    });
    running.push(restarted);
    await restarted.start();
    await restarted.idle();
    expect(logs.filter((l) => l.startsWith('rescore all'))).toHaveLength(1);
    expect(restarted.progress('all').running).toBe(false);
    // The statistics were loaded at start: a population batch finds nothing moved, so re-grades nothing.
    restarted.request('population');
    await restarted.idle();
    expect(restarted.progress('population')).toMatchObject({ done: 0, total: 0 });
  });

  it('runs again at start after a rule change or when the period has passed', async () => {
    const { t, scoring, logs } = await setup(2, { scheduleMs: 60_000 });
    await scoring.start();
    await scoring.idle();
    const mark = await t.deps.storage.lastFullRescore();
    if (!mark) throw new Error('expected a mark');
    const fullRuns = () => logs.filter((l) => l.startsWith('rescore all')).length;

    await t.deps.storage.setLastFullRescore({ ...mark, at: mark.at - 60_000 });
    const late = new Scoring({
      storage: t.deps.storage,
      now: t.deps.now,
      log: (l) => logs.push(l),
      scheduleMs: 60_000,
    });
    running.push(late);
    await late.start();
    await late.idle();
    expect(fullRuns()).toBe(2);
    await late.stop();

    const rules = { ...DEFAULT_RULES, leadScore: { ...DEFAULT_RULES.leadScore, bands: { hot: 30, warm: 20 } } };
    await t.deps.storage.addRuleDocument({ version: 2, createdAt: t.deps.now().toISOString(), createdBy: 'x', rules });
    const changed = new Scoring({
      storage: t.deps.storage,
      now: t.deps.now,
      log: (l) => logs.push(l),
      scheduleMs: null,
    });
    running.push(changed);
    await changed.start();
    await changed.idle();
    expect(logs.at(-1)).toBe('rescore all v2: 2 accounts, 2 changed');
    expect((await t.deps.storage.lastFullRescore())?.ruleVersion).toBe(2);
  });

  it('runs at start when an account has no grades yet (written without grading, as an import does)', async () => {
    const { t, scoring, ids, logs } = await setup(2, { scheduleMs: 60_000 });
    await scoring.start();
    await scoring.idle();
    expect(await t.deps.storage.hasUngradedAccounts()).toBe(false);
    await t.deps.storage.setGrades(ids[0] as string, null);
    expect(await t.deps.storage.hasUngradedAccounts()).toBe(true);
    const restarted = new Scoring({
      storage: t.deps.storage,
      now: t.deps.now,
      log: (l) => logs.push(l),
      scheduleMs: 60_000,
    });
    running.push(restarted);
    await restarted.start();
    await restarted.idle();
    expect(logs.filter((l) => l.startsWith('rescore all'))).toHaveLength(2);
    expect(await gradesOf(t, ids[0] as string)).not.toBeNull();
  });

  it('does not remember an interrupted full re-score', async () => {
    const { t, scoring } = await setup(20);
    await scoring.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(scoring.progress().running).toBe(true);
    await scoring.stop();
    expect(scoring.progress().done).toBeLessThan(20);
    expect(await t.deps.storage.lastFullRescore()).toBeNull();
  });
});

describe('the transactions of the population batch', () => {
  it('are read in chunks by id, alike the one-read list: live transactions of live accounts only', async () => {
    const { t, ids } = await setup(3);
    const sales = Array.from({ length: 25 }, (_, i) => ({
      hlc: hlcAt(20 + i),
      entity: 'transaction' as const,
      id: makeId(),
      op: 'upsert' as const,
      fields: { accountId: ids[i % 3], at: '2026-11-01T00:00:00.000Z', amount: i, currency: 'CNY' },
    }));
    const gone = {
      hlc: hlcAt(60),
      entity: 'account' as const,
      id: ids[2] as string,
      op: 'delete' as const,
      fields: {},
    };
    expect((await t.push('alice', client, mutations(2, [...sales, gone]))).status).toBe(200);
    const chunked: { accountId: string; fields: Record<string, unknown> }[] = [];
    for (let after = ''; ; ) {
      const chunk = await t.deps.storage.accountTransactionsAfter(after, 4);
      chunked.push(...chunk.map(({ accountId, fields }) => ({ accountId, fields })));
      if (chunk.length < 4) break;
      after = chunk.at(-1)?.id as string;
    }
    const key = (r: { fields: Record<string, unknown> }) => Number(r.fields.amount);
    const whole = await t.deps.storage.accountTransactions();
    expect(whole.length).toBeGreaterThan(8);
    expect(whole.some((r) => r.accountId === ids[2])).toBe(false);
    expect([...chunked].sort((a, b) => key(a) - key(b))).toEqual([...whole].sort((a, b) => key(a) - key(b)));
  });
});
