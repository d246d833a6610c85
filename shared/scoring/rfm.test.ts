import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { quintileCuts, quintileOf } from './quintiles';
import { recencyScore, rfmFor } from './rfm';
import { daysAgo, NOW } from './test-support';

describe('RFM', () => {
  it.each([
    [0, 5],
    [7, 5],
    [8, 4],
    [30, 4],
    [31, 3],
    [60, 3],
    [61, 2],
    [120, 2],
    [121, 1],
    [900, 1],
  ])('R: last purchase %i days ago → R%i', (days, r) => {
    expect(recencyScore(days, DEFAULT_RULES)).toBe(r);
    const rfm = rfmFor(
      [{ at: daysAgo(days), amount: 100 }],
      { frequencyCuts: [], monetaryCuts: [] },
      DEFAULT_RULES,
      NOW,
    );
    expect(rfm.value?.r).toBe(r);
  });

  it('codes a recent, frequent, mid-spending customer 534', () => {
    // Population quintile cut points: counts 1/2/4/8 and amounts 10k/50k/200k/1m mark the tops of quintiles 1–4.
    const population = { frequencyCuts: [1, 2, 4, 8], monetaryCuts: [10_000, 50_000, 200_000, 1_000_000] };
    const transactions = [
      { at: daysAgo(3), amount: 40_000 },
      { at: daysAgo(40), amount: 50_000 },
      { at: daysAgo(100), amount: 60_000 },
      { at: daysAgo(300), amount: 80_000 },
      // Older than 12 months: counts for neither F nor M.
      { at: daysAgo(400), amount: 5_000_000 },
    ];
    const rfm = rfmFor(transactions, population, DEFAULT_RULES, NOW);
    expect(rfm.value).toEqual({ r: 5, f: 3, m: 4, code: '534' });
    expect(rfm.lines.map((l) => l.text)).toEqual([
      'R5: last purchase 3 days ago',
      'F3: 4 purchases in 12 months',
      'M4: 230000 in 12 months',
    ]);
  });

  it('is null for an account that never bought', () => {
    expect(
      rfmFor([], { frequencyCuts: [1, 2, 3, 4], monetaryCuts: [1, 2, 3, 4] }, DEFAULT_RULES, NOW).value,
    ).toBeNull();
  });

  it('puts a fifth of distinct values in each quintile', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 500 }), (values) => {
        const cuts = quintileCuts(values);
        const sizes = [0, 0, 0, 0, 0];
        for (const v of values) (sizes[quintileOf(v, cuts) - 1] as number)++;
        for (const size of sizes) {
          expect(size).toBeGreaterThanOrEqual(Math.floor(values.length / 5));
          expect(size).toBeLessThanOrEqual(Math.ceil(values.length / 5));
        }
      }),
    );
  });

  it('never gives a larger value a lower quintile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (values, a, b) => {
          const cuts = quintileCuts(values);
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(quintileOf(low, cuts)).toBeLessThanOrEqual(quintileOf(high, cuts));
        },
      ),
    );
  });
});

describe('RFM of a growing purchase list', () => {
  it('sees a purchase added to the same array', () => {
    const transactions = [{ at: daysAgo(200), amount: 100 }];
    const cuts = { frequencyCuts: [], monetaryCuts: [] };
    expect(rfmFor(transactions, cuts, DEFAULT_RULES, NOW).value?.r).toBe(1);
    transactions.push({ at: daysAgo(2), amount: 100 });
    expect(rfmFor(transactions, cuts, DEFAULT_RULES, NOW).value?.r).toBe(5);
  });
});
