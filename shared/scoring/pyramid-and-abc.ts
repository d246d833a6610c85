import type { PyramidTier, ScoringRules } from './rules';

export type Abc = 'A' | 'B' | 'C';
export type Rank = { pyramid: PyramidTier; abc: Abc; revenue: number };

/**
 * The customer pyramid and ABC classes of a population by trailing revenue (accounts with revenue > 0; the rest
 * get neither). Pyramid by rank: top 1% 顶尖, next 4% 主要, next 15% 普通, last 80% 小 (a share is rounded up, so
 * the best customer of a small population is still top). ABC by cumulative revenue share: the customers that
 * bring revenue up to 80% are A (the one that crosses 80% included), up to 95% B, the rest C.
 */
export function pyramidAndAbc(
  population: Iterable<{ id: string; revenue: number }>,
  rules: ScoringRules,
): Map<string, Rank> {
  const ranked = [...population]
    .filter((row) => row.revenue > 0)
    // Highest revenue first; ties by id so that the same population always ranks the same way.
    .sort((a, b) => b.revenue - a.revenue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = ranked.length;
  const { topPercent, majorPercent, ordinaryPercent } = rules.pyramid;
  const topEnd = rankCount(n, topPercent);
  const majorEnd = rankCount(n, topPercent + majorPercent);
  const ordinaryEnd = rankCount(n, topPercent + majorPercent + ordinaryPercent);

  let total = 0;
  for (const row of ranked) total += row.revenue;
  const aLimit = (total * rules.abc.aPercent) / 100;
  const bLimit = (total * rules.abc.bPercent) / 100;

  const ranks = new Map<string, Rank>();
  let before = 0;
  ranked.forEach((row, i) => {
    const pyramid: PyramidTier = i < topEnd ? 'top' : i < majorEnd ? 'major' : i < ordinaryEnd ? 'ordinary' : 'small';
    const abc: Abc = before < aLimit ? 'A' : before < bLimit ? 'B' : 'C';
    ranks.set(row.id, { pyramid, abc, revenue: row.revenue });
    before += row.revenue;
  });
  return ranks;
}

/** Personalised service for the tiers the rules name (top and major by default), standardised for the others. */
export function serviceFor(pyramid: PyramidTier, rules: ScoringRules): 'personalised' | 'standardised' {
  return rules.pyramid.personalised.includes(pyramid) ? 'personalised' : 'standardised';
}

function rankCount(n: number, cumulativePercent: number): number {
  // 1e-9 keeps 100 × 5% at 5 when floating point makes it 5.000000000000001.
  return Math.min(n, Math.ceil((n * cumulativePercent) / 100 - 1e-9));
}
