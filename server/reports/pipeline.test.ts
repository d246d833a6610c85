import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { opportunityCards, pipelineReport } from './pipeline';
import { row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z');
const day = 86_400_000;
const account = 'acc-1';
const context = (lastActivityDaysAgo: number | null) => ({
  accountNames: new Map([[account, '华为技术有限公司']]),
  lastActivity: new Map(lastActivityDaysAgo === null ? [] : [[account, now.getTime() - lastActivityDaysAgo * day]]),
});
const opp = (stage: string, amount: number, extra: Record<string, unknown> = {}, createdDaysAgo = 60) =>
  row(
    { name: `${stage} deal`, stage, amount, currency: 'CNY', expectedClose: '2026-12-15T00:00:00Z', ...extra },
    { accountId: account, createdMs: now.getTime() - createdDaysAgo * day },
  );

describe('opportunityCards', () => {
  it.each([
    // [days since the account's last activity, days since creation, stuck?] — stuck after 14 quiet days (§6)
    [3, 60, false],
    [13, 60, false],
    [14, 60, true],
    [null, 60, true],
    [null, 2, false],
    [30, 5, false],
  ])('last activity %s days ago, created %s days ago → stuck %s', (activityDays, createdDays, stuck) => {
    const [card] = opportunityCards(
      [opp('proposal', 1000, {}, createdDays)],
      context(activityDays),
      {},
      DEFAULT_RULES,
      now,
    );
    expect(card?.stuck).toBe(stuck);
    expect(card?.daysQuiet).toBe(Math.min(activityDays ?? Number.POSITIVE_INFINITY, createdDays));
  });

  it('never marks won or lost opportunities stuck', () => {
    const cards = opportunityCards([opp('implementation', 1), opp('lost', 1)], context(null), {}, DEFAULT_RULES, now);
    expect(cards.map((card) => card.stuck)).toEqual([false, false]);
  });

  it('puts stuck cards first, then the largest amounts, and names the account', () => {
    const cards = opportunityCards(
      [opp('bidding', 10), opp('bidding', 500, {}, 1), opp('bidding', 300, {}, 1)],
      context(null),
      {},
      DEFAULT_RULES,
      now,
    );
    expect(cards.map((card) => [card.amount, card.stuck])).toEqual([
      [10, true],
      [500, false],
      [300, false],
    ]);
    expect(cards[0]?.accountName).toBe('华为技术有限公司');
  });

  it('filters by grade, amount range and expected-close range (inclusive)', () => {
    const rows = [
      opp('proposal', 100, { grade: 'A', expectedClose: '2026-12-01T00:00:00Z' }),
      opp('proposal', 200, { grade: 'B', expectedClose: '2027-01-10T00:00:00Z' }),
      opp('proposal', 300, { grade: 'A', expectedClose: null }),
    ];
    const amounts = (filter: Parameters<typeof opportunityCards>[2]) =>
      opportunityCards(rows, context(1), filter, DEFAULT_RULES, now)
        .map((card) => card.amount)
        .sort();
    expect(amounts({ grade: 'A' })).toEqual([100, 300]);
    expect(amounts({ minAmount: 150, maxAmount: 300 })).toEqual([200, 300]);
    expect(amounts({ closeFrom: '2026-12-01', closeTo: '2026-12-31' })).toEqual([100]);
    expect(amounts({ closeFrom: '2027-01-01' })).toEqual([200]);
  });

  it('reads partial fields (a push sends only what changed) without failing', () => {
    const [card] = opportunityCards(
      [row({ name: 'bare' }, { accountId: null })],
      context(null),
      {},
      DEFAULT_RULES,
      now,
    );
    expect(card).toMatchObject({ stage: 'development', amount: 0, currency: 'CNY', accountName: null });
  });
});

describe('pipelineReport', () => {
  it('sums count, amount and Σ amount × probability per stage and in total, and caps the cards per stage', () => {
    const cards = opportunityCards(
      [
        opp('development', 100_000),
        opp('bidding', 100_000),
        opp('bidding', 50_000),
        opp('negotiation', 200_000),
        opp('lost', 80_000),
      ],
      context(1),
      {},
      DEFAULT_RULES,
      now,
    );
    const report = pipelineReport(cards, DEFAULT_RULES, 1);
    const bidding = report.stages.find((stage) => stage.stage === 'bidding');
    expect(bidding).toMatchObject({ probability: 60, count: 2, amount: 150_000, weighted: 90_000 });
    expect(bidding?.cards).toHaveLength(1);
    expect(report.stages.map((stage) => stage.stage)).toEqual([
      'development',
      'initiation',
      'proposal',
      'bidding',
      'negotiation',
      'implementation',
      'lost',
    ]);
    // 10% of 100k + 60% of 150k + 80% of 200k + 0% of 80k
    expect(report.weighted).toBe(10_000 + 90_000 + 160_000);
    expect(report).toMatchObject({ count: 5, amount: 530_000, stuck: 0 });
  });
});
