import { purchasesBetween, purchasesOf, type TransactionInput } from './purchases';
import { pyramidAndAbc, type Rank } from './pyramid-and-abc';
import { quintileCuts } from './quintiles';
import type { ScoringRules } from './rules';
import { monthsBefore } from './time';

/**
 * The population-relative part of the grades, computed as a batch (DESIGN §4): F and M quintile cut points among
 * the customers who bought in the RFM window, and each customer's pyramid tier and ABC class.
 */
export type PopulationStats = {
  asOf: string;
  /** Accounts that bought in the RFM window: the population of the F and M quintiles. */
  customers: number;
  frequencyCuts: readonly number[];
  monetaryCuts: readonly number[];
  ranks: ReadonlyMap<string, Rank>;
};

/** Before the first batch: no cut points (every F and M is 1), no ranks. */
export const EMPTY_POPULATION: PopulationStats = {
  asOf: new Date(0).toISOString(),
  customers: 0,
  frequencyCuts: [],
  monetaryCuts: [],
  ranks: new Map(),
};

/** Computes the batch statistics from every account's transactions as of `now`. */
export function populationStats(
  accounts: Iterable<{ id: string; transactions: readonly TransactionInput[] }>,
  rules: ScoringRules,
  now: Date,
): PopulationStats {
  const nowMs = now.getTime();
  const rfmStart = monthsBefore(nowMs, rules.rfm.windowMonths);
  const pyramidStart = monthsBefore(nowMs, rules.pyramid.windowMonths);
  const counts: number[] = [];
  const amounts: number[] = [];
  const revenues: { id: string; revenue: number }[] = [];
  for (const account of accounts) {
    const purchases = purchasesOf(account.transactions);
    const window = purchasesBetween(purchases, rfmStart, nowMs);
    if (window.count > 0) {
      counts.push(window.count);
      amounts.push(window.amount);
    }
    const revenue = pyramidStart === rfmStart ? window.amount : purchasesBetween(purchases, pyramidStart, nowMs).amount;
    if (revenue > 0) revenues.push({ id: account.id, revenue });
  }
  return {
    asOf: now.toISOString(),
    customers: counts.length,
    frequencyCuts: quintileCuts(counts),
    monetaryCuts: quintileCuts(amounts),
    ranks: pyramidAndAbc(revenues, rules),
  };
}
