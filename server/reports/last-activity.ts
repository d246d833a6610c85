import { timeOf } from '../../shared/scoring/time';
import { type Row, textOf } from './rows';

/** The latest activity time (ms) per account id; ownership changes are the server's, not a follow-up. */
export function lastActivityByAccount(activities: readonly Row[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const row of activities) {
    if (row.accountId === null || row.fields.type === 'ownership') continue;
    const at = timeOf(textOf(row.fields.at));
    if (Number.isNaN(at)) continue;
    const seen = last.get(row.accountId);
    if (seen === undefined || at > seen) last.set(row.accountId, at);
  }
  return last;
}
