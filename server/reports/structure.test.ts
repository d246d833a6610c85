import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { structureReport } from './structure';
import { perAccount, row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z');

describe('structureReport', () => {
  // 100 customers with revenues 1..100 × 1000, each bought once, 3 days ago: 1 top, 4 major, 15 ordinary, 80 small.
  const accounts = Array.from({ length: 100 }, (_, i) => row({ name: `客户${i + 1}` }));
  const transactions = accounts.map((account, i) => ({
    accountId: account.id,
    at: '2026-11-19T00:00:00Z',
    amount: (i + 1) * 1000,
  }));
  const report = structureReport(
    [...accounts, row({ name: 'never bought' })],
    perAccount(transactions),
    DEFAULT_RULES,
    now,
  );

  it('splits the pyramid 1% / 4% / 15% / 80% with revenue shares and service', () => {
    expect(report.pyramid.map((tier) => [tier.key, tier.count, tier.service])).toEqual([
      ['top', 1, 'personalised'],
      ['major', 4, 'personalised'],
      ['ordinary', 15, 'standardised'],
      ['small', 80, 'standardised'],
    ]);
    // total revenue 5,050,000; the top customer brings 100,000
    expect(report.revenue).toBe(5_050_000);
    expect(report.pyramid[0]?.share).toBeCloseTo(100_000 / 5_050_000, 4);
    expect(report.pyramid.reduce((sum, tier) => sum + tier.share, 0)).toBeCloseTo(1, 3);
    expect(report.customers).toBe(100);
  });

  it('classes ABC by cumulative revenue share (A to 80%, B to 95%)', () => {
    // cumulative from the top: 55 customers bring 4,015,000 (< 80% of 5,050,000), the 56th crosses it → A = 56;
    // 79 bring 4,819,000, the 79th starting below 95% (4,797,500) → B = 23; C the other 21.
    expect(report.abc.map((row) => [row.key, row.count])).toEqual([
      ['A', 56],
      ['B', 23],
      ['C', 21],
    ]);
    expect(report.abc[0]?.share).toBeCloseTo(4_060_000 / 5_050_000, 4);
  });

  it('puts every buyer in the R×F grid: all bought 3 days ago (R5), once each', () => {
    const counts = report.rfm.map((r) => r.map((cell) => cell.count));
    expect(counts.flat().reduce((sum, n) => sum + n, 0)).toBe(100);
    expect(report.rfm[4]?.reduce((sum, cell) => sum + cell.count, 0)).toBe(100);
    const meanM = report.rfm[4]?.find((cell) => cell.count > 0)?.meanM ?? 0;
    expect(meanM).toBeGreaterThanOrEqual(1);
    expect(meanM).toBeLessThanOrEqual(5);
  });
});
