import type { AccountFields } from '../schema/entities';
import { type Explained, type ExplanationLine, line } from './explain';
import { purchasesBetween, purchasesOf, type TransactionInput } from './purchases';
import { type ScoringRules, SIX_C } from './rules';
import { DAY_MS, monthsBefore } from './time';

export type Credit = { score: number; limit: number; dso: number | null };

/**
 * 6C credit: each rated C (character, capacity, capital, collateral, conditions, continuity; 1–5) adds its weight
 * scaled from 1 = nothing to 5 = all, over the weights of the rated Cs → score 0–100. The limit is a manager's
 * `credit.limit` when set, else the months of purchases the score's band allows (of the larger of trailing
 * revenue and the stated annual purchase volume). DSO is the amount-weighted days from sale to payment of the
 * window's paid transactions. Null when no C is rated.
 */
export function creditFor(
  account: Pick<AccountFields, 'credit' | 'business'>,
  transactions: readonly TransactionInput[],
  rules: ScoringRules,
  now: Date,
  explain = true,
): Explained<Credit | null> {
  const { weights, limitBands, windowMonths } = rules.credit;
  const lines: ExplanationLine[] = [];
  let weighted = 0;
  let weightSum = 0;
  for (const c of SIX_C) {
    const rating = account.credit[c];
    if (rating === undefined) continue;
    weighted += (weights[c] * (rating - 1)) / 4;
    weightSum += weights[c];
    if (explain)
      lines.push(line(`credit.${c}`, `credit.${c}`, 0, `scoring.credit.${c}`, { rating, weight: weights[c] }));
  }
  if (weightSum === 0)
    return { value: null, lines: !explain ? [] : [line('credit', 'credit', 0, 'scoring.credit.unrated')] };
  const score = Math.round((weighted / weightSum) * 100);

  const nowMs = now.getTime();
  const windowStart = monthsBefore(nowMs, windowMonths);
  const purchases = purchasesOf(transactions);
  const revenue = purchasesBetween(purchases, windowStart, nowMs).amount;
  let limit: number;
  if (account.credit.limit !== undefined) {
    limit = account.credit.limit;
    if (explain) lines.push(line('credit.limit', 'credit.limit', 0, 'scoring.credit.limitSet', { limit }));
  } else {
    const band = limitBands.find((b) => score >= b.minScore);
    const months = band?.monthsOfRevenue ?? 0;
    const base = Math.max(revenue, account.business.annualPurchaseVolume ?? 0);
    limit = Math.round((base * months) / 12);
    if (explain)
      lines.push(line('credit.limit', 'transactions.amount', 0, 'scoring.credit.limit', { limit, score, months }));
  }

  let paidAmount = 0;
  let paidDays = 0;
  for (const p of purchases) {
    if (p.at > windowStart && p.at <= nowMs && p.amount > 0 && p.paid >= p.at) {
      paidAmount += p.amount;
      paidDays += ((p.paid - p.at) / DAY_MS) * p.amount;
    }
  }
  const dso = paidAmount > 0 ? Math.round((paidDays / paidAmount) * 10) / 10 : null;
  if (explain)
    lines.push(
      dso === null
        ? line('credit.dso', 'transactions.paidAt', 0, 'scoring.credit.dsoUnknown')
        : line('credit.dso', 'transactions.paidAt', 0, 'scoring.credit.dso', { dso }),
    );
  return { value: { score, limit, dso }, lines };
}
