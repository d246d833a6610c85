import type { ComplaintFields } from '../schema/entities';
import { type ExplanationLine, line } from './explain';
import { purchasesBetween, purchasesOf, type TransactionInput } from './purchases';
import type { ScoringRules } from './rules';
import { DAY_MS, monthsBefore, timeOf } from './time';

export type ChurnReason = 'recency' | 'purchases-shrinking' | 'complaints-rising';
export type ChurnRisk = { value: boolean; reasons: ChurnReason[]; lines: ExplanationLine[] };

export type ChurnInput = {
  /** The account's RFM recency score, null when it never bought. */
  r: number | null;
  transactions: readonly TransactionInput[];
  complaints: readonly Pick<ComplaintFields, 'at'>[];
};

/**
 * Churn risk (流失风险) when any of: R has fallen to R1 (no purchase for over 120 days); purchases shrink (the last
 * 6 months bring less than half the 6 months before); complaints rise (≥ 2 in the last 90 days, more than in the
 * 90 days before).
 */
export function churnRiskFor(input: ChurnInput, rules: ScoringRules, now: Date, explain = true): ChurnRisk {
  const nowMs = now.getTime();
  const { shrink, complaints } = rules.churnRisk;
  const reasons: ChurnReason[] = [];
  const lines: ExplanationLine[] = [];

  if (input.r === 1) {
    reasons.push('recency');
    if (explain)
      lines.push(
        line('churnRisk.recency', 'transactions.at', 0, 'scoring.churn.recency', { days: rules.rfm.recencyDays[3] }),
      );
  }

  const purchases = purchasesOf(input.transactions);
  const recentStart = monthsBefore(nowMs, shrink.months);
  const recent = purchasesBetween(purchases, recentStart, nowMs).amount;
  const earlier = purchasesBetween(purchases, monthsBefore(nowMs, 2 * shrink.months), recentStart).amount;
  if (earlier > 0 && recent < earlier * shrink.ratio) {
    reasons.push('purchases-shrinking');
    if (explain)
      lines.push(
        line('churnRisk.shrink', 'transactions.amount', 0, 'scoring.churn.shrinking', {
          recent: Math.round(recent * 100) / 100,
          earlier: Math.round(earlier * 100) / 100,
          months: shrink.months,
        }),
      );
  }

  const windowStart = nowMs - complaints.windowDays * DAY_MS;
  const previousStart = windowStart - complaints.windowDays * DAY_MS;
  let latest = 0;
  let previous = 0;
  for (const complaint of input.complaints) {
    const at = timeOf(complaint.at);
    if (at > windowStart && at <= nowMs) latest++;
    else if (at > previousStart && at <= windowStart) previous++;
  }
  if (latest >= complaints.minCount && latest > previous) {
    reasons.push('complaints-rising');
    if (explain)
      lines.push(
        line('churnRisk.complaints', 'complaints.at', 0, 'scoring.churn.complaints', {
          latest,
          previous,
          days: complaints.windowDays,
        }),
      );
  }
  return { value: reasons.length > 0, reasons, lines };
}
