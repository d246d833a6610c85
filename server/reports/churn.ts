import { type ChurnReason, churnRiskFor } from '../../shared/scoring/churn-risk';
import type { ExplanationLine } from '../../shared/scoring/explain';
import { lastPurchaseAt, purchasesOf, type TransactionInput } from '../../shared/scoring/purchases';
import { recencyScore } from '../../shared/scoring/rfm';
import type { ScoringRules } from '../../shared/scoring/rules';
import { wholeDaysBetween } from '../../shared/scoring/time';
import { type Row, textOf } from './rows';

export type ChurnItem = {
  id: string;
  name: string;
  owner: string | null;
  team: string | null;
  /** Days since the last purchase; null when the account never bought. */
  daysSincePurchase: number | null;
  reasons: ChurnReason[];
  /** The rule's explanation lines (`key` + `params` render in the page's language). */
  lines: ExplanationLine[];
};

/**
 * Customers at risk of churning (流失风险, DESIGN §4): R fell to R1, purchases shrink, or complaints rise — by the
 * scoring rule `churnRiskFor`, with its reasons and the owner. Most reasons first, then the longest without a
 * purchase.
 */
export function churnReport(
  accounts: readonly Row[],
  transactionsByAccount: ReadonlyMap<string, readonly TransactionInput[]>,
  complaintsByAccount: ReadonlyMap<string, readonly { at: string }[]>,
  rules: ScoringRules,
  now: Date,
): ChurnItem[] {
  const nowMs = now.getTime();
  const items: ChurnItem[] = [];
  for (const account of accounts) {
    const transactions = transactionsByAccount.get(account.id) ?? [];
    const complaints = complaintsByAccount.get(account.id) ?? [];
    if (transactions.length === 0 && complaints.length === 0) continue;
    const last = lastPurchaseAt(purchasesOf(transactions), nowMs);
    const days = last === null ? null : wholeDaysBetween(last, nowMs);
    const risk = churnRiskFor(
      { r: days === null ? null : recencyScore(days, rules), transactions, complaints },
      rules,
      now,
    );
    if (!risk.value) continue;
    items.push({
      id: account.id,
      name: textOf(account.fields.name) ?? '',
      owner: account.owner,
      team: account.team,
      daysSincePurchase: days,
      reasons: risk.reasons,
      lines: risk.lines,
    });
  }
  return items.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length ||
      (b.daysSincePurchase ?? -1) - (a.daysSincePurchase ?? -1) ||
      (a.id < b.id ? -1 : 1),
  );
}
