import { describe, expect, it } from 'vitest';
import type { PopulationStats } from '../../shared/scoring/population-stats';
import type { Rank } from '../../shared/scoring/pyramid-and-abc';
import { rankChanges, sameCuts } from './population';

const stats = (ranks: Record<string, Rank>, cuts: { f?: number[]; m?: number[] } = {}): PopulationStats => ({
  asOf: '2026-11-01T00:00:00.000Z',
  customers: Object.keys(ranks).length,
  frequencyCuts: cuts.f ?? [1, 2, 3, 5],
  monetaryCuts: cuts.m ?? [100, 500, 1000, 5000],
  ranks: new Map(Object.entries(ranks)),
});
const rank = (pyramid: Rank['pyramid'], abc: Rank['abc'], revenue = 1000): Rank => ({ pyramid, abc, revenue });

describe('what a population batch must re-grade', () => {
  it('compares the F and M cut points', () => {
    expect(sameCuts(stats({}), stats({}))).toBe(true);
    expect(sameCuts(stats({}), stats({}, { m: [100, 500, 1000, 6000] }))).toBe(false);
    expect(sameCuts(stats({}), stats({}, { f: [1, 2, 3] }))).toBe(false);
  });

  it('lists the accounts whose tier or class moved, or that entered or left the ranking; not a revenue change alone', () => {
    const before = stats({ a: rank('top', 'A'), b: rank('major', 'B'), c: rank('small', 'C'), d: rank('small', 'C') });
    const after = stats({
      a: rank('top', 'A', 9999), // more revenue, same tier and class: graded alike
      b: rank('major', 'A'), // class moved
      c: rank('ordinary', 'C'), // tier moved
      e: rank('small', 'C'), // new customer
    }); // d left the ranking
    expect(rankChanges(before, after)).toEqual(['b', 'c', 'd', 'e']);
    expect(rankChanges(before, before)).toEqual([]);
  });
});
