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
