import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { type KeyAccountInput, keyAccount } from './key-account';
import { daysAgo, NOW } from './test-support';

const none: KeyAccountInput = { contract: {}, strategic: false, transactions: [] };

describe('key account (大客户)', () => {
  it.each<[string, KeyAccountInput, string[]]>([
    [
      'revenue of 1,000,000 in the last 12 months',
      {
        ...none,
        transactions: [
          { at: daysAgo(30), amount: 600_000 },
          { at: daysAgo(200), amount: 400_000 },
        ],
      },
      ['revenue'],
    ],
    ['revenue of 999,999 is not enough', { ...none, transactions: [{ at: daysAgo(30), amount: 999_999 }] }, []],
    [
      'revenue older than 12 months does not count',
      { ...none, transactions: [{ at: daysAgo(400), amount: 5_000_000 }] },
      [],
    ],
    [
      'a contract of 13 months at 500,000 a year',
      { ...none, contract: { start: '2026-06-01', end: '2027-07-01', annualValue: 500_000 } },
      ['contract'],
    ],
    [
      'a contract of 12 months at 800,000 a year',
      { ...none, contract: { start: '2026-03-01', end: '2027-03-01', annualValue: 800_000 } },
      ['contract'],
    ],
    [
      'a contract of 11 months is not',
      { ...none, contract: { start: '2026-06-01', end: '2027-05-01', annualValue: 900_000 } },
      [],
    ],
    [
      'a long contract with small orders is not',
      { ...none, contract: { start: '2026-01-01', end: '2028-01-01', annualValue: 499_999 } },
      [],
    ],
    [
      'an ended contract no longer counts',
      { ...none, contract: { start: '2024-01-01', end: '2026-01-01', annualValue: 900_000 } },
      [],
    ],
    ['marked strategic by a manager', { ...none, strategic: true }, ['strategic']],
    [
      'all three at once',
      {
        strategic: true,
        contract: { start: '2026-01-01', end: '2028-01-01', annualValue: 700_000 },
        transactions: [{ at: daysAgo(10), amount: 2_000_000 }],
      },
      ['revenue', 'contract', 'strategic'],
    ],
  ])('%s', (_, input, reasons) => {
    const ka = keyAccount(input, DEFAULT_RULES, NOW);
    expect(ka.reasons).toEqual(reasons);
    expect(ka.value).toBe(reasons.length > 0);
  });

  it('explains a short contract by its length', () => {
    const ka = keyAccount(
      { ...none, contract: { start: '2026-06-01', end: '2027-05-01', annualValue: 900_000 } },
      DEFAULT_RULES,
      NOW,
    );
    expect(ka.lines[1]).toMatchObject({ field: 'contract.end', key: 'scoring.keyAccount.contractShort' });
    expect(ka.lines[1]?.text).toBe('Contract of 11 months at 900000 a year does not reach 12 months at 500000');
  });
});
