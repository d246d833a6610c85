import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditFor } from './credit';
import { DEFAULT_RULES } from './default-rules';
import { daysAgo, NOW } from './test-support';

const allRated = (r: 1 | 2 | 3 | 4 | 5) => ({
  character: r,
  capacity: r,
  capital: r,
  collateral: r,
  conditions: r,
  continuity: r,
});

describe('6C credit', () => {
  it.each([
    [5, 100],
    [3, 50],
    [1, 0],
  ] as const)('all six rated %i → score %i', (rating, score) => {
    expect(creditFor({ credit: allRated(rating), business: {} }, [], DEFAULT_RULES, NOW).value?.score).toBe(score);
  });

  it('weighs character most: character 5 and the rest 1 scores 25', () => {
    const credit = { ...allRated(1), character: 5 as const };
    expect(creditFor({ credit, business: {} }, [], DEFAULT_RULES, NOW).value?.score).toBe(25);
  });

  it('scores over the rated Cs only', () => {
    expect(
      creditFor({ credit: { character: 5, capacity: 5 }, business: {} }, [], DEFAULT_RULES, NOW).value?.score,
    ).toBe(100);
  });

  it('is null before any rating', () => {
    expect(
      creditFor({ credit: {}, business: {} }, [{ at: daysAgo(3), amount: 10 }], DEFAULT_RULES, NOW).value,
    ).toBeNull();
  });

  it.each([
    // Scores 100, 75, 50, 25 fall in the bands of 3, 2, 1 and 0 months of purchases.
    [5, 300_000],
    [4, 200_000],
    [3, 100_000],
    [2, 0],
  ] as const)('rating %i gives a limit of %i on 1.2m a year of purchases', (rating, limit) => {
    const transactions = [{ at: daysAgo(100), amount: 1_200_000 }];
    expect(creditFor({ credit: allRated(rating), business: {} }, transactions, DEFAULT_RULES, NOW).value?.limit).toBe(
      limit,
    );
  });

  it('keeps a limit a manager set', () => {
    expect(
      creditFor({ credit: { ...allRated(5), limit: 42_000 }, business: {} }, [], DEFAULT_RULES, NOW).value?.limit,
    ).toBe(42_000);
  });

  it('computes DSO as the amount-weighted days to payment', () => {
    const transactions = [
      { at: daysAgo(100), amount: 30_000, paidAt: daysAgo(70) },
      { at: daysAgo(60), amount: 10_000, paidAt: daysAgo(50) },
      { at: daysAgo(5), amount: 99_000, paidAt: null },
    ];
    // (30k × 30 + 10k × 10) / 40k = 25 days; the unpaid sale has no payment date to measure.
    expect(creditFor({ credit: allRated(4), business: {} }, transactions, DEFAULT_RULES, NOW).value?.dso).toBe(25);
    expect(
      creditFor({ credit: allRated(4), business: {} }, transactions.slice(2), DEFAULT_RULES, NOW).value?.dso,
    ).toBeNull();
  });

  it('stays within 0–100 and never drops when a rating rises', () => {
    const rating = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        fc.tuple(rating, rating, rating, rating, rating, rating),
        fc.integer({ min: 0, max: 5 }),
        (r, which) => {
          const credit = {
            character: r[0],
            capacity: r[1],
            capital: r[2],
            collateral: r[3],
            conditions: r[4],
            continuity: r[5],
          };
          const score = creditFor({ credit, business: {} }, [], DEFAULT_RULES, NOW).value?.score ?? -1;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          const key =
            (['character', 'capacity', 'capital', 'collateral', 'conditions', 'continuity'] as const)[which] ??
            'character';
          const better = { ...credit, [key]: Math.min(5, credit[key] + 1) };
          expect(
            creditFor({ credit: better, business: {} }, [], DEFAULT_RULES, NOW).value?.score,
          ).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
