import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { keyAccountsByMonth } from './key-accounts-by-month';
import { NOW } from './test-support';

describe('key accounts per month (大客户发展坐标)', () => {
  it('counts each month as of its end', () => {
    const accounts = [
      // Strategic all along.
      { strategic: true, contract: {}, transactions: [] },
      // Becomes a key account with a 1.2m order in September 2026.
      { strategic: false, contract: {}, transactions: [{ at: '2026-09-10', amount: 1_200_000 }] },
      // A two-year large contract that starts in November 2026.
      {
        strategic: false,
        contract: { start: '2026-11-01', end: '2028-11-01', annualValue: 600_000 },
        transactions: [],
      },
    ];
    expect(keyAccountsByMonth(accounts, DEFAULT_RULES, NOW, 4)).toEqual([
      { month: '2026-08', count: 1 },
      { month: '2026-09', count: 2 },
      { month: '2026-10', count: 2 },
      { month: '2026-11', count: 3 },
    ]);
  });
});
