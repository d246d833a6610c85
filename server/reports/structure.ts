import { populationStats } from '../../shared/scoring/population-stats';
import type { TransactionInput } from '../../shared/scoring/purchases';
import { type Abc, serviceFor } from '../../shared/scoring/pyramid-and-abc';
import { rfmFor } from '../../shared/scoring/rfm';
import type { PyramidTier, ScoringRules } from '../../shared/scoring/rules';
import type { Row } from './rows';

export type ShareRow<K extends string> = { key: K; count: number; revenue: number; share: number };
export type StructureReport = {
  /** 顶尖 / 主要 / 普通 / 小 by trailing revenue, with each tier's share of it. */
  pyramid: (ShareRow<PyramidTier> & { service: 'personalised' | 'standardised' })[];
  abc: ShareRow<Abc>[];
  /** RFM grid: `cells[r-1][f-1]` = customers with that R and F, and their mean M (1–5). */
  rfm: { count: number; meanM: number }[][];
  customers: number;
  revenue: number;
};

const TIERS: readonly PyramidTier[] = ['top', 'major', 'ordinary', 'small'];
const CLASSES: readonly Abc[] = ['A', 'B', 'C'];

/** Customer structure (DESIGN §4): the pyramid, ABC and the RFM distribution of the accounts' transactions. */
export function structureReport(
  accounts: readonly Row[],
  transactionsByAccount: ReadonlyMap<string, readonly TransactionInput[]>,
  rules: ScoringRules,
  now: Date,
): StructureReport {
  const population = accounts.map((row) => ({
    id: row.id,
    transactions: transactionsByAccount.get(row.id) ?? [],
  }));
  const stats = populationStats(population, rules, now);
  let revenue = 0;
  for (const rank of stats.ranks.values()) revenue += rank.revenue;
  const share = (part: number) => (revenue > 0 ? Math.round((part / revenue) * 10_000) / 10_000 : 0);
  const tally = <K extends string>(keys: readonly K[], keyOf: (rank: { pyramid: PyramidTier; abc: Abc }) => K) =>
    keys.map((key) => {
      let count = 0;
      let sum = 0;
      for (const rank of stats.ranks.values())
        if (keyOf(rank) === key) {
          count++;
          sum += rank.revenue;
        }
      return { key, count, revenue: Math.round(sum * 100) / 100, share: share(sum) };
    });

  const cells = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => ({ count: 0, sumM: 0 })));
  for (const account of population) {
    const rfm = rfmFor(account.transactions, stats, rules, now, false).value;
    if (!rfm) continue;
    const cell = cells[rfm.r - 1]?.[rfm.f - 1];
    if (!cell) continue;
    cell.count++;
    cell.sumM += rfm.m;
  }
  return {
    pyramid: tally(TIERS, (rank) => rank.pyramid).map((row) => ({ ...row, service: serviceFor(row.key, rules) })),
    abc: tally(CLASSES, (rank) => rank.abc),
    rfm: cells.map((row) =>
      row.map((cell) => ({
        count: cell.count,
        meanM: cell.count ? Math.round((cell.sumM / cell.count) * 10) / 10 : 0,
      })),
    ),
    customers: stats.ranks.size,
    revenue: Math.round(revenue * 100) / 100,
  };
}
