import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { pyramidAndAbc, serviceFor } from './pyramid-and-abc';

function tally<T extends string>(values: Iterable<T>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

describe('customer pyramid and ABC', () => {
  it('splits a population of 100 customers 1 / 4 / 15 / 80', () => {
    const population = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, revenue: 1000 * (i + 1) }));
    const ranks = pyramidAndAbc(population, DEFAULT_RULES);
    expect(tally([...ranks.values()].map((r) => r.pyramid))).toEqual({ top: 1, major: 4, ordinary: 15, small: 80 });
    expect(ranks.get('c99')?.pyramid).toBe('top');
    expect(ranks.get('c95')?.pyramid).toBe('major');
    expect(ranks.get('c94')?.pyramid).toBe('ordinary');
    expect(ranks.get('c79')?.pyramid).toBe('small');
  });

  it.each([
    ['top', 'personalised'],
    ['major', 'personalised'],
    ['ordinary', 'standardised'],
    ['small', 'standardised'],
  ] as const)('%s customers get %s service', (tier, service) => {
    expect(serviceFor(tier, DEFAULT_RULES)).toBe(service);
  });

  it('classes a known revenue distribution by cumulative share (A to 80%, B to 95%)', () => {
    // Cumulative shares 50, 80, 90, 95, 98, 100%.
    const population = [
      { id: 'a', revenue: 500 },
      { id: 'b', revenue: 300 },
      { id: 'c', revenue: 100 },
      { id: 'd', revenue: 50 },
      { id: 'e', revenue: 30 },
      { id: 'f', revenue: 20 },
    ];
    const ranks = pyramidAndAbc(population, DEFAULT_RULES);
    expect(Object.fromEntries([...ranks].map(([id, r]) => [id, r.abc]))).toEqual({
      a: 'A',
      b: 'A',
      c: 'B',
      d: 'B',
      e: 'C',
      f: 'C',
    });
  });

  it('puts the customer that crosses 80% in A, so a lone customer is A and top', () => {
    expect(pyramidAndAbc([{ id: 'only', revenue: 10 }], DEFAULT_RULES).get('only')).toMatchObject({
      abc: 'A',
      pyramid: 'top',
    });
    const ranks = pyramidAndAbc(
      [
        { id: 'big', revenue: 70 },
        { id: 'mid', revenue: 20 },
        { id: 'small', revenue: 10 },
      ],
      DEFAULT_RULES,
    );
    expect([...ranks.values()].map((r) => r.abc)).toEqual(['A', 'A', 'B']);
  });

  it('leaves out accounts without revenue', () => {
    expect(pyramidAndAbc([{ id: 'none', revenue: 0 }], DEFAULT_RULES).size).toBe(0);
  });

  it('orders the classes with revenue, for any population', () => {
    const order = { top: 0, major: 1, ordinary: 2, small: 3, A: 0, B: 1, C: 2 } as const;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (revenues) => {
          const ranks = [
            ...pyramidAndAbc(
              revenues.map((revenue, i) => ({ id: `c${i}`, revenue })),
              DEFAULT_RULES,
            ).values(),
          ];
          expect(ranks).toHaveLength(revenues.length);
          for (let i = 1; i < ranks.length; i++) {
            const [a, b] = [ranks[i - 1], ranks[i]] as [(typeof ranks)[0], (typeof ranks)[0]];
            expect(a.revenue).toBeGreaterThanOrEqual(b.revenue);
            expect(order[a.pyramid]).toBeLessThanOrEqual(order[b.pyramid]);
            expect(order[a.abc]).toBeLessThanOrEqual(order[b.abc]);
          }
          expect(ranks[0]?.abc).toBe('A');
          expect(ranks[0]?.pyramid).toBe('top');
        },
      ),
    );
  });
});
