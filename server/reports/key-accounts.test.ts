import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { keyAccountReport } from './key-accounts';
import { perAccount, row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z');
const account = (name: string, fields: Record<string, unknown> = {}) =>
  row({ name, strategic: false, contract: {}, ...fields });
const sale = (accountId: string, at: string, amount: number) => ({ accountId, at, amount });

describe('keyAccountReport', () => {
  const revenue = account('华为技术有限公司');
  const strategic = account('Strategic Ltd', { strategic: true });
  const contract = account('长约客户', {
    contract: { start: '2026-05-01T00:00:00Z', end: '2027-05-01T00:00:00Z', annualValue: 600_000 },
  });
  const small = account('Small Co');
  const transactions = [
    sale(revenue.id, '2026-03-10T00:00:00Z', 600_000),
    sale(revenue.id, '2026-07-05T00:00:00Z', 500_000),
    sale(small.id, '2026-08-01T00:00:00Z', 20_000),
  ];
  const report = keyAccountReport([revenue, strategic, contract, small], perAccount(transactions), DEFAULT_RULES, now);

  it('counts key accounts at each of the last 12 month ends (大客户发展坐标)', () => {
    expect(report.perMonth.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    // strategic: always; the contract from May (its start); revenue ≥ 1,000,000 over 12 months from July.
    expect(report.perMonth.map((m) => m.count)).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3]);
  });

  it('lists today’s key accounts, largest revenue first, with why each qualifies', () => {
    expect(report.items.map((item) => [item.name, item.revenue, item.reasons])).toEqual([
      ['华为技术有限公司', 1_100_000, ['revenue']],
      ['Strategic Ltd', 0, ['strategic']],
      ['长约客户', 0, ['contract']],
    ]);
  });
});
