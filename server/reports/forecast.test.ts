import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { forecastReport } from './forecast';
import { opportunityCards } from './pipeline';
import { row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z');
const opp = (stage: string, amount: number, expectedClose: string | null, owner: string) =>
  row({ name: 'deal', stage, amount, expectedClose }, { owner });
const cards = opportunityCards(
  [
    opp('bidding', 100_000, '2026-12-10T00:00:00Z', 'alice'),
    opp('negotiation', 50_000, '2026-12-20T00:00:00Z', 'carol'),
    opp('proposal', 200_000, '2027-02-01T00:00:00Z', 'alice'),
    opp('lost', 999_000, '2026-12-01T00:00:00Z', 'alice'),
    opp('bidding', 10_000, null, 'carol'),
  ],
  { accountNames: new Map(), lastActivity: new Map() },
  {},
  DEFAULT_RULES,
  now,
);
const alice = row({ name: 'Alice Co' }, { owner: 'alice' });
const dave = row({ name: 'Dave Co' }, { owner: 'dave' });
const revenue = new Map([
  [alice.id, new Map([['2026-11', 30_000]])],
  [
    dave.id,
    new Map([
      ['2026-10', 20_000],
      ['2025-01', 1_000_000],
    ]),
  ],
  ['not-visible', new Map([['2026-11', 5_000_000]])],
]);

describe('forecastReport', () => {
  const report = forecastReport(cards, [alice, dave], revenue, DEFAULT_RULES, now);

  it('gives Σ amount × probability by expected-close month, against the visible accounts’ won revenue by month', () => {
    expect(report.months).toHaveLength(13);
    expect(report.months[0]?.month).toBe('2026-05');
    expect(report.months.at(-1)?.month).toBe('2027-05');
    const at = (month: string) => report.months.find((m) => m.month === month);
    expect(at('2026-12')).toEqual({ month: '2026-12', weighted: 60_000 + 40_000, won: 0 });
    expect(at('2027-02')).toEqual({ month: '2027-02', weighted: 80_000, won: 0 });
    expect(at('2026-11')).toEqual({ month: '2026-11', weighted: 0, won: 30_000 });
    expect(at('2026-10')?.won).toBe(20_000);
  });

  it('gives each rep’s open pipeline, weighted forecast and won revenue (lost deals weigh nothing)', () => {
    expect(report.reps).toEqual([
      { owner: 'alice', count: 2, amount: 300_000, weighted: 140_000, won: 30_000 },
      { owner: 'carol', count: 2, amount: 60_000, weighted: 46_000, won: 0 },
      { owner: 'dave', count: 0, amount: 0, weighted: 0, won: 20_000 },
    ]);
  });
});
