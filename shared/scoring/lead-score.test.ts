import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityType, leadSource } from '../schema/entities';
import { DEFAULT_RULES } from './default-rules';
import { leadScore } from './lead-score';
import { blankAccount, daysAgo, NOW } from './test-support';
import { titleTier } from './title-tier';

const titles = DEFAULT_RULES.leadScore.fit.title;

describe('title seniority', () => {
  it.each([
    ['总经理', 'executive'],
    ['董事长', 'executive'],
    ['CEO', 'executive'],
    ['Managing Director', 'executive'],
    ['副总经理', 'vice-president'],
    ['VP of Sales', 'vice-president'],
    ['Vice President, Procurement', 'vice-president'],
    ['华南区销售总监', 'director'],
    ['Director of Engineering', 'director'],
    ['采购经理', 'manager'],
    ['Purchasing Manager', 'manager'],
    ['客服主管', 'supervisor'],
    ['Shift Supervisor', 'supervisor'],
    ['采购专员', null],
    ['Sales Representative', null],
    ['Directory editor', null],
  ])('%s → %s', (title, tier) => {
    expect(titleTier(title, titles)?.id ?? null).toBe(tier);
  });

  it('does not read "Director" as CTO', () => {
    expect(titleTier('Art Director', titles)?.id).toBe('director');
  });
});

describe('lead score', () => {
  const hotLead = {
    account: blankAccount({
      employees: 1200,
      industry: 'Software',
      region: '广东省深圳市',
      source: 'referral',
      needs: { budgetMatching: 600_000 },
    }),
    contacts: [{ title: '采购经理' }, { title: '总经理' }],
    activities: [
      { type: 'visit' as const, at: daysAgo(0) },
      { type: 'visit' as const, at: daysAgo(3) },
      { type: 'visit' as const, at: daysAgo(10) },
      { type: 'email' as const, at: daysAgo(1) },
      { type: 'email' as const, at: daysAgo(2) },
      { type: 'email' as const, at: daysAgo(5) },
      { type: 'email' as const, at: daysAgo(6) },
    ],
  };

  it('gives the textbook hot lead full marks, every point explained', () => {
    const score = leadScore(hotLead, DEFAULT_RULES, NOW);
    expect(score).toMatchObject({ value: 100, band: 'hot', fit: 50, engagement: 50 });
    expect(score.lines.map((l) => [l.rule, l.points])).toEqual([
      ['leadScore.fit.title', 15],
      ['leadScore.fit.companySize', 10],
      ['leadScore.fit.industry', 8],
      ['leadScore.fit.region', 7],
      ['leadScore.fit.budget', 10],
      ['leadScore.engagement.recency', 20],
      ['leadScore.engagement.email', 8],
      ['leadScore.engagement.visit', 12],
      ['leadScore.engagement.source', 10],
    ]);
    expect(score.lines[0]?.text).toBe('Title “总经理” (executive): +15');
  });

  it('scores an unknown cold lead 0', () => {
    const score = leadScore({ account: blankAccount(), contacts: [], activities: [] }, DEFAULT_RULES, NOW);
    expect(score).toMatchObject({ value: 0, band: 'cold' });
  });

  it.each([
    [0, 20],
    [14, 10],
    [28, 5],
    [56, 1],
  ])('recency: last activity %i days ago gives %i points (half-life 14 days)', (days, points) => {
    const score = leadScore(
      { account: blankAccount(), contacts: [], activities: [{ type: 'call', at: daysAgo(days) }] },
      DEFAULT_RULES,
      NOW,
    );
    expect(score.lines.find((l) => l.rule === 'leadScore.engagement.recency')?.points).toBe(points);
  });

  it('ignores planned (future) activities and counts only the last 30 days', () => {
    const score = leadScore(
      {
        account: blankAccount(),
        contacts: [],
        activities: [
          { type: 'visit', at: daysAgo(-3) },
          { type: 'visit', at: daysAgo(31) },
          { type: 'visit', at: daysAgo(29) },
        ],
      },
      DEFAULT_RULES,
      NOW,
    );
    expect(score.lines.find((l) => l.rule === 'leadScore.engagement.visit')?.points).toBe(4);
  });

  it('a referral earns 3–5× the bonus of a cold web lead', () => {
    const bonus = (source: 'referral' | 'web') =>
      leadScore({ account: blankAccount({ source }), contacts: [], activities: [] }, DEFAULT_RULES, NOW).value;
    expect(bonus('referral') / bonus('web')).toBeGreaterThanOrEqual(3);
    expect(bonus('referral') / bonus('web')).toBeLessThanOrEqual(5);
  });

  it.each([
    [70, 'hot'],
    [69, 'warm'],
    [40, 'warm'],
    [39, 'cold'],
  ])('band boundary %i → %s', (value, band) => {
    const rules = structuredClone(DEFAULT_RULES);
    // Only the source bonus scores: set it to the value under test (the rules' caps do not apply to a test table).
    rules.leadScore.engagement.source.points.other = value;
    expect(leadScore({ account: blankAccount(), contacts: [], activities: [] }, rules, NOW).band).toBe(band);
  });

  const anyInput = fc.record({
    account: fc.record({
      employees: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
      industry: fc.option(fc.constantFrom('制造业', 'Software', 'retail', ''), { nil: null }),
      region: fc.option(fc.constantFrom('上海', 'Texas', '浙江杭州'), { nil: null }),
      source: fc.constantFrom(...leadSource.options),
      needs: fc.record({ budgetMatching: fc.double({ min: 0, max: 1e9, noNaN: true }) }, { requiredKeys: [] }),
      business: fc.record({ budget: fc.double({ min: 0, max: 1e9, noNaN: true }) }, { requiredKeys: [] }),
    }),
    contacts: fc.array(
      fc.record({ title: fc.option(fc.constantFrom('总经理', 'VP', '经理', 'intern', ''), { nil: null }) }),
    ),
    activities: fc.array(
      fc.record({
        type: fc.constantFrom(...activityType.options),
        at: fc.integer({ min: -30, max: 400 }).map(daysAgo),
      }),
      { maxLength: 40 },
    ),
  });

  it('stays within 0–100 and its lines add up to it, for any input', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const score = leadScore(input, DEFAULT_RULES, NOW);
        expect(score.value).toBeGreaterThanOrEqual(0);
        expect(score.value).toBeLessThanOrEqual(100);
        expect(score.fit).toBeLessThanOrEqual(50);
        expect(score.engagement).toBeLessThanOrEqual(50);
        expect(score.lines.reduce((sum, l) => sum + l.points, 0)).toBe(score.value);
      }),
    );
  });

  it('never drops when one more activity happens today', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...activityType.options), (input, type) => {
        const before = leadScore(input, DEFAULT_RULES, NOW).value;
        const after = leadScore(
          { ...input, activities: [...input.activities, { type, at: daysAgo(0) }] },
          DEFAULT_RULES,
          NOW,
        );
        expect(after.value).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('never rises as time passes without new activity', () => {
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 0, max: 400 }), (anything, laterDays) => {
        // Planned (future) activities become engagement when their day comes: only past ones stay put.
        const input = { ...anything, activities: anything.activities.filter((a) => a.at <= NOW.toISOString()) };
        const later = new Date(NOW.getTime() + laterDays * 86_400_000);
        expect(leadScore(input, DEFAULT_RULES, later).value).toBeLessThanOrEqual(
          leadScore(input, DEFAULT_RULES, NOW).value,
        );
      }),
    );
  });
});
