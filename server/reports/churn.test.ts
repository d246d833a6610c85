import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { churnReport } from './churn';
import { perAccount, row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('churnReport', () => {
  const quiet = row({ name: 'Quiet Ltd' }, { owner: 'alice' });
  const shrinking = row({ name: '缩量公司' }, { owner: 'carol' });
  const complaining = row({ name: 'Complainer' }, { owner: 'alice' });
  const healthy = row({ name: 'Healthy' });
  const never = row({ name: 'Never bought' });
  const sales = [
    { accountId: quiet.id, at: daysAgo(400), amount: 5000 },
    // 100,000 in the 6 months before, 10,000 in the last 6: shrinking to under half
    { accountId: shrinking.id, at: daysAgo(250), amount: 100_000 },
    { accountId: shrinking.id, at: daysAgo(20), amount: 10_000 },
    { accountId: complaining.id, at: daysAgo(10), amount: 8000 },
    { accountId: healthy.id, at: daysAgo(3), amount: 8000 },
  ];
  const complaints = [
    { accountId: complaining.id, at: daysAgo(5) },
    { accountId: complaining.id, at: daysAgo(40) },
    { accountId: healthy.id, at: daysAgo(30) },
  ];
  const items = churnReport(
    [quiet, shrinking, complaining, healthy, never],
    perAccount(sales),
    perAccount(complaints),
    DEFAULT_RULES,
    now,
  );

  it('lists the customers whose R fell to R1, whose purchases shrink or whose complaints rise, with the owner', () => {
    expect(items.map((item) => [item.name, item.owner, item.reasons])).toEqual([
      ['Quiet Ltd', 'alice', ['recency']],
      ['缩量公司', 'carol', ['purchases-shrinking']],
      ['Complainer', 'alice', ['complaints-rising']],
    ]);
  });

  it('explains each reason with a line the page renders in its language', () => {
    expect(items[0]?.daysSincePurchase).toBe(400);
    expect(items[0]?.lines.map((line) => line.key)).toEqual(['scoring.churn.recency']);
  });
});
