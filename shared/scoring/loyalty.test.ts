import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { loyaltyFor, type SurveyInput } from './loyalty';
import { daysAgo, NOW } from './test-support';

const survey = (overrides: Partial<SurveyInput> = {}): SurveyInput => ({
  at: daysAgo(10),
  satisfaction: 5,
  repeatPurchase: 'high',
  referral: 'likely',
  ...overrides,
});
const purchases = (n: number) => Array.from({ length: n }, (_, i) => ({ at: daysAgo(10 + i * 30), amount: 1000 }));

describe('loyalty index', () => {
  it.each<[string, SurveyInput, number, number]>([
    ['very satisfied, will buy again, will refer, buys monthly', survey(), 12, 100],
    ['very satisfied, will buy again, will refer, one purchase', survey(), 1, 85],
    [
      'satisfied (4), maybe buy again, might refer',
      survey({ satisfaction: 4, repeatPurchase: 'medium', referral: 'maybe' }),
      2,
      30 + 15 + 7 + 5,
    ],
    [
      'very dissatisfied, unlikely to buy or refer',
      survey({ satisfaction: 1, repeatPurchase: 'low', referral: 'unlikely' }),
      0,
      0,
    ],
  ])('%s → %i', (_, s, n, index) => {
    expect(loyaltyFor([s], purchases(n), DEFAULT_RULES, NOW).value).toEqual({ index });
  });

  it('reads the latest survey', () => {
    const surveys = [survey({ at: daysAgo(300), satisfaction: 1 }), survey({ at: daysAgo(5), satisfaction: 5 })];
    expect(loyaltyFor(surveys, [], DEFAULT_RULES, NOW).lines[0]?.text).toBe('Satisfaction 5/5: +40');
  });

  it('is null without a survey', () => {
    expect(loyaltyFor([], purchases(5), DEFAULT_RULES, NOW).value).toBeNull();
  });

  it('stays within 0–100 and equals the sum of its lines', () => {
    fc.assert(
      fc.property(
        fc.record({
          at: fc.constant(daysAgo(1)),
          satisfaction: fc.integer({ min: 1, max: 5 }),
          repeatPurchase: fc.constantFrom('high', 'medium', 'low'),
          referral: fc.constantFrom('likely', 'maybe', 'unlikely'),
        }),
        fc.integer({ min: 0, max: 30 }),
        (s, n) => {
          const loyalty = loyaltyFor([s], purchases(n), DEFAULT_RULES, NOW);
          const index = loyalty.value?.index ?? -1;
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThanOrEqual(100);
          expect(loyalty.lines.reduce((sum, l) => sum + l.points, 0)).toBe(index);
        },
      ),
    );
  });
});
