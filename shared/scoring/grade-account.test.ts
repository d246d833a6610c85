import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../../test/factories/entities';
import { grades as gradesSchema } from '../schema/entities';
import { DEFAULT_RULES } from './default-rules';
import { explainLine } from './explain';
import { type AccountRelated, assessAccount, gradeAccount } from './grade-account';
import { EMPTY_POPULATION, populationStats } from './population-stats';
import { daysAgo, NOW } from './test-support';

const v1 = { version: 1, rules: DEFAULT_RULES };

const none: AccountRelated = { contacts: [], activities: [], transactions: [], complaints: [], surveys: [] };

/** 腾达: a 甲 customer with a general manager, fresh visits and a million a year of orders. */
const tengda = { id: makeId(), ...makeAccount({ status: 'customer', source: 'referral', strategic: false }) };
const tengdaRelated: AccountRelated = {
  contacts: [{ title: '总经理' }],
  activities: [
    { type: 'visit', at: daysAgo(2) },
    { type: 'email', at: daysAgo(4) },
  ],
  transactions: [
    { at: daysAgo(5), amount: 700_000, paidAt: daysAgo(-10) },
    { at: daysAgo(90), amount: 400_000, paidAt: daysAgo(60) },
  ],
  complaints: [],
  surveys: [{ at: daysAgo(20), satisfaction: 4, repeatPurchase: 'high', referral: 'likely' }],
};

/** A population of 100 customers buying 1k … 100k, plus 腾达. */
function population() {
  const others = Array.from({ length: 100 }, (_, i) => ({
    id: `c${i}`,
    transactions: [{ at: daysAgo(30 + i), amount: 1000 * (i + 1) }],
  }));
  return [...others, { id: tengda.id, transactions: tengdaRelated.transactions }];
}

describe('gradeAccount', () => {
  it('grades in the exact grades shape of DESIGN §9, stamped with the rule version', () => {
    const stats = populationStats(population(), DEFAULT_RULES, NOW);
    const grades = gradeAccount(tengda, tengdaRelated, stats, v1, NOW);
    expect(gradesSchema.parse(grades)).toEqual(grades);
    expect(grades).toMatchObject({
      qualification: 'A',
      rfm: { r: 5, f: 5, m: 5, code: '555' },
      pyramid: 'top',
      abc: 'A',
      keyAccount: { value: true, reasons: ['revenue'] },
      credit: null,
      loyalty: { index: 30 + 30 + 15 + 5 },
      churnRisk: { value: false, reasons: [] },
      ruleVersion: 1,
    });
    expect(grades.score.band).toBe('hot');
  });

  it('grades a bare lead before any batch', () => {
    const lead = { id: makeId(), ...makeAccount({ needs: {}, employees: null, industry: null, region: null }) };
    const grades = gradeAccount(lead, none, EMPTY_POPULATION, v1, NOW);
    expect(grades).toMatchObject({
      qualification: null,
      rfm: null,
      pyramid: null,
      abc: null,
      credit: null,
      loyalty: null,
    });
    expect(grades.score).toMatchObject({ value: 2, band: 'cold' });
  });

  it('explains every grade, in the rep’s language too', () => {
    const { explanation, service } = assessAccount(
      tengda,
      tengdaRelated,
      populationStats(population(), DEFAULT_RULES, NOW),
      v1,
      NOW,
    );
    expect(service).toBe('personalised');
    expect(explanation.rfm.map((l) => explainLine(l, 'zh-CN'))).toEqual([
      'R5：最近一次购买在 5 天前',
      'F5：12 个月内购买 2 次',
      'M5：12 个月内金额 1100000',
    ]);
    expect(explainLine(explanation.score[0] as never, 'zh-CN')).toBe('职位“总经理”（高管）：+15');
    expect(explanation.keyAccount[0]?.text).toBe('Revenue 1100000 in 12 months reaches 1000000');
  });

  it('grades the same with and without the explanations', () => {
    const stats = populationStats(population(), DEFAULT_RULES, NOW);
    const explained = assessAccount(tengda, tengdaRelated, stats, v1, NOW, true);
    const quiet = assessAccount(tengda, tengdaRelated, stats, v1, NOW, false);
    expect(quiet.grades).toEqual(explained.grades);
    expect(quiet.explanation.keyAccount).toEqual([]);
    expect(explained.explanation.keyAccount.length).toBeGreaterThan(0);
  });

  it('restores the same grades when a rule change is undone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.double({ min: 1, max: 90, noNaN: true }), (hot, halfLife) => {
        const v2 = structuredClone(DEFAULT_RULES);
        v2.leadScore.bands = { hot, warm: Math.floor(hot / 2) };
        v2.leadScore.engagement.recency.halfLifeDays = halfLife;
        const stats1 = populationStats(population(), DEFAULT_RULES, NOW);
        const before = gradeAccount(tengda, tengdaRelated, stats1, v1, NOW);
        gradeAccount(tengda, tengdaRelated, populationStats(population(), v2, NOW), { version: 2, rules: v2 }, NOW);
        const after = gradeAccount(
          tengda,
          tengdaRelated,
          populationStats(population(), DEFAULT_RULES, NOW),
          { version: 3, rules: DEFAULT_RULES },
          NOW,
        );
        expect({ ...after, ruleVersion: 1 }).toEqual(before);
      }),
      { numRuns: 30 },
    );
  });
});

describe('gradeAccount on any valid input', () => {
  const day = fc.integer({ min: -30, max: 800 }).map(daysAgo);
  const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
  const anyAccount = fc.record({
    status: fc.constantFrom('lead', 'customer', 'lost'),
    employees: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: null }),
    industry: fc.option(fc.string(), { nil: null }),
    region: fc.option(fc.string(), { nil: null }),
    source: fc.constantFrom('referral', 'web', 'other', 'trade-show'),
    needs: fc.record(
      {
        aware: fc.boolean(),
        match: fc.constantFrom('high', 'medium', 'low', 'none'),
        budgetTotal: fc.integer({ min: 0, max: 1e8 }),
        budgetMatching: fc.integer({ min: 0, max: 1e8 }),
      },
      { requiredKeys: [] },
    ),
    business: fc.record({ annualPurchaseVolume: fc.integer({ min: 0, max: 1e8 }) }, { requiredKeys: [] }),
    contract: fc.record({ start: day, end: day, annualValue: fc.integer({ min: 0, max: 1e7 }) }, { requiredKeys: [] }),
    strategic: fc.boolean(),
    credit: fc.record({
      character: rating,
      capacity: rating,
      capital: rating,
      collateral: rating,
      conditions: rating,
      continuity: rating,
    }),
  });
  const anyRelated = fc.record({
    contacts: fc.array(
      fc.record({ title: fc.option(fc.constantFrom('总经理', '经理', 'CTO', 'clerk'), { nil: null }) }),
    ),
    activities: fc.array(fc.record({ type: fc.constantFrom('email', 'visit', 'call', 'note'), at: day }), {
      maxLength: 20,
    }),
    transactions: fc.array(
      fc.record({ at: day, amount: fc.integer({ min: -1e5, max: 1e7 }), paidAt: fc.option(day, { nil: null }) }),
      { maxLength: 20 },
    ),
    complaints: fc.array(fc.record({ at: day }), { maxLength: 6 }),
    surveys: fc.array(
      fc.record({
        at: day,
        satisfaction: fc.integer({ min: 1, max: 5 }),
        repeatPurchase: fc.constantFrom('high', 'medium', 'low'),
        referral: fc.constantFrom('likely', 'maybe', 'unlikely'),
      }),
      { maxLength: 3 },
    ),
  });

  it('stays in range and in the grades shape', () => {
    const stats = populationStats(population(), DEFAULT_RULES, NOW);
    fc.assert(
      fc.property(anyAccount, anyRelated, (fields, related) => {
        const account = {
          id: 'x',
          ...fields,
          credit: Object.fromEntries(Object.entries(fields.credit).filter(([, v]) => v !== undefined)),
        };
        const grades = gradeAccount(account as never, related as never, stats, v1, NOW);
        expect(gradesSchema.safeParse(grades).success).toBe(true);
        expect(grades.score.value).toBeGreaterThanOrEqual(0);
        expect(grades.score.value).toBeLessThanOrEqual(100);
        expect(grades.score.lines.reduce((sum, l) => sum + l.points, 0)).toBe(grades.score.value);
        for (const digit of grades.rfm ? [grades.rfm.r, grades.rfm.f, grades.rfm.m] : []) {
          expect(digit).toBeGreaterThanOrEqual(1);
          expect(digit).toBeLessThanOrEqual(5);
        }
        for (const index of [grades.loyalty?.index, grades.credit?.score]) {
          if (index === undefined) continue;
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThanOrEqual(100);
        }
        expect(grades.keyAccount.value).toBe(grades.keyAccount.reasons.length > 0);
        expect(grades.churnRisk.value).toBe(grades.churnRisk.reasons.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('populationStats', () => {
  it('computes F and M cut points among the customers who bought in the last 12 months', () => {
    const stats = populationStats(
      [
        ...Array.from({ length: 10 }, (_, i) => ({
          id: `c${i}`,
          transactions: [{ at: daysAgo(10), amount: 100 * (i + 1) }],
        })),
        { id: 'old', transactions: [{ at: daysAgo(500), amount: 1e9 }] },
        { id: 'lead', transactions: [] },
      ],
      DEFAULT_RULES,
      NOW,
    );
    expect(stats.customers).toBe(10);
    expect(stats.monetaryCuts).toEqual([200, 400, 600, 800]);
    expect(stats.frequencyCuts).toEqual([1, 1, 1, 1]);
    expect(stats.ranks.has('old')).toBe(false);
    expect(stats.ranks.get('c9')).toMatchObject({ pyramid: 'top', revenue: 1000 });
  });
});
