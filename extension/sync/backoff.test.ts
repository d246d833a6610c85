import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it.each([
    [0, 0, 1_000],
    [0, 0.999999, 2_000],
    [1, 0, 2_000],
    [3, 0.5, 12_000],
    [20, 0, 150_000],
    [20, 0.999999, 300_000],
  ])('attempt %i, random %f → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, random)).toBe(expected);
  });

  it('stays within [ceiling/2, ceiling] and its ceiling never shrinks as attempts grow', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const delay = backoffDelay(attempt, random);
        const ceiling = Math.min(300_000, 2_000 * 2 ** Math.min(attempt, 30));
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(backoffDelay(attempt + 1, 0.999999)).toBeGreaterThanOrEqual(backoffDelay(attempt, 0.999999));
      }),
    );
  });
});
