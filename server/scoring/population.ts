import { type PopulationStats, populationStats } from '../../shared/scoring/population-stats';
import type { ScoringRules } from '../../shared/scoring/rules';
import { relatedRecords } from '../../shared/scoring/scoring-inputs';

/**
 * The batch statistics (F and M quintile cuts, pyramid, ABC) from every live transaction as storage lists them
 * (`{ accountId, fields }` rows, any order). Unreadable transactions are dropped, as in an incremental grade.
 */
export function populationFromTransactions(
  rows: Iterable<{ accountId: string; fields: Record<string, unknown> }>,
  rules: ScoringRules,
  now: Date,
): PopulationStats {
  const byAccount = new Map<string, { entity: 'transaction'; fields: Record<string, unknown> }[]>();
  for (const row of rows) {
    const list = byAccount.get(row.accountId);
    if (list) list.push({ entity: 'transaction', fields: row.fields });
    else byAccount.set(row.accountId, [{ entity: 'transaction', fields: row.fields }]);
  }
  const accounts = [...byAccount].map(([id, records]) => ({ id, transactions: relatedRecords(records).transactions }));
  return populationStats(accounts, rules, now);
}

/** Whether two batches place every F and M value in the same quintile (the same cut points). */
export function sameCuts(a: PopulationStats, b: PopulationStats): boolean {
  const same = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.frequencyCuts, b.frequencyCuts) && same(a.monetaryCuts, b.monetaryCuts);
}

/**
 * The accounts whose pyramid tier or ABC class differs between two batches (ranked in one only, included), sorted.
 * With the same cut points these are the only accounts the newer batch grades differently: an account's F and M
 * quintiles depend on its own figures and the cuts, and its own figures were graded by the push that changed them.
 */
export function rankChanges(a: PopulationStats, b: PopulationStats): string[] {
  const changed: string[] = [];
  for (const [id, rank] of a.ranks) {
    const other = b.ranks.get(id);
    if (!other || other.pyramid !== rank.pyramid || other.abc !== rank.abc) changed.push(id);
  }
  for (const id of b.ranks.keys()) if (!a.ranks.has(id)) changed.push(id);
  return changed.sort();
}
