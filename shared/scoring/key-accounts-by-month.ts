import { type KeyAccountInput, keyAccount } from './key-account';
import type { ScoringRules } from './rules';

/**
 * The key-account count at the end of each of the last `months` months (大客户发展坐标, DESIGN §4), oldest first:
 * `[{ month: '2026-10', count: 12 }, …]`. Each month applies the key-account tests as of its last instant.
 */
export function keyAccountsByMonth(
  accounts: readonly KeyAccountInput[],
  rules: ScoringRules,
  now: Date,
  months = 12,
): { month: string; count: number }[] {
  const rows: { month: string; count: number }[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const year = now.getUTCFullYear();
    const month = now.getUTCMonth() - back;
    // The month's last instant, or "now" for the month in progress.
    const end = back === 0 ? now : new Date(Date.UTC(year, month + 1, 1) - 1);
    let count = 0;
    for (const account of accounts) if (keyAccount(account, rules, end, false).value) count++;
    const label = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
    rows.push({ month: label, count });
  }
  return rows;
}
