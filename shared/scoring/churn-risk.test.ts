import { describe, expect, it } from 'vitest';
import { type ChurnInput, churnRiskFor } from './churn-risk';
import { DEFAULT_RULES } from './default-rules';
import { daysAgo, NOW } from './test-support';

const steady = [
  { at: daysAgo(20), amount: 100 },
  { at: daysAgo(100), amount: 100 },
  { at: daysAgo(250), amount: 100 },
  { at: daysAgo(300), amount: 100 },
];

describe('churn risk', () => {
  it.each<[string, ChurnInput, string[]]>([
    ['a steady customer', { r: 4, transactions: steady, complaints: [] }, []],
    ['R has fallen to R1', { r: 1, transactions: [{ at: daysAgo(130), amount: 100 }], complaints: [] }, ['recency']],
    [
      'purchases shrink to less than half of the 6 months before',
      {
        r: 4,
        transactions: [
          { at: daysAgo(20), amount: 90 },
          { at: daysAgo(250), amount: 200 },
        ],
        complaints: [],
      },
      ['purchases-shrinking'],
    ],
    [
      'purchases at exactly half do not yet count',
      {
        r: 4,
        transactions: [
          { at: daysAgo(20), amount: 100 },
          { at: daysAgo(250), amount: 200 },
        ],
        complaints: [],
      },
      [],
    ],
    [
      'two complaints in 90 days after none before',
      { r: 4, transactions: steady, complaints: [{ at: daysAgo(5) }, { at: daysAgo(40) }] },
      ['complaints-rising'],
    ],
    [
      'two complaints in 90 days after three before: not rising',
      {
        r: 4,
        transactions: steady,
        complaints: [
          { at: daysAgo(5) },
          { at: daysAgo(40) },
          { at: daysAgo(100) },
          { at: daysAgo(120) },
          { at: daysAgo(150) },
        ],
      },
      [],
    ],
    ['one complaint is not a trend', { r: 4, transactions: steady, complaints: [{ at: daysAgo(5) }] }, []],
    ['a lead that never bought', { r: null, transactions: [], complaints: [] }, []],
  ])('%s', (_, input, reasons) => {
    const risk = churnRiskFor(input, DEFAULT_RULES, NOW);
    expect(risk.reasons).toEqual(reasons);
    expect(risk.value).toBe(reasons.length > 0);
    expect(risk.lines).toHaveLength(reasons.length);
  });
});
