import { type Explained, type ExplanationLine, line } from './explain';
import { lastPurchaseAt, purchasesBetween, purchasesOf, type TransactionInput } from './purchases';
import { quintileOf } from './quintiles';
import type { ScoringRules } from './rules';
import { monthsBefore, wholeDaysBetween } from './time';

export type Rfm = { r: number; f: number; m: number; code: string };
/** The population's F and M quintile cut points (from `populationStats`). */
export type RfmCuts = { frequencyCuts: readonly number[]; monetaryCuts: readonly number[] };

/** R from days since the last purchase: R5 ≤ 7, R4 8–30, R3 31–60, R2 61–120, R1 > 120 (by default). */
export function recencyScore(days: number, rules: ScoringRules): number {
  const index = rules.rfm.recencyDays.findIndex((max) => days <= max);
  return index === -1 ? 1 : 5 - index;
}

/**
 * RFM of one account: R from the last purchase, F (count) and M (amount) of the last 12 months placed in the
 * population's quintiles. Code "R F M", e.g. `534`. Null for an account that has never bought.
 */
export function rfmFor(
  transactions: readonly TransactionInput[],
  population: RfmCuts,
  rules: ScoringRules,
  now: Date,
  explain = true,
): Explained<Rfm | null> {
  const nowMs = now.getTime();
  const purchases = purchasesOf(transactions);
  const last = lastPurchaseAt(purchases, nowMs);
  if (last === null)
    return { value: null, lines: !explain ? [] : [line('rfm', 'transactions', 0, 'scoring.rfm.none')] };
  const days = wholeDaysBetween(last, nowMs);
  const { count, amount } = purchasesBetween(purchases, monthsBefore(nowMs, rules.rfm.windowMonths), nowMs);
  const r = recencyScore(days, rules);
  const f = quintileOf(count, population.frequencyCuts);
  const m = quintileOf(amount, population.monetaryCuts);
  const months = rules.rfm.windowMonths;
  const lines: ExplanationLine[] = !explain
    ? []
    : [
        line('rfm.r', 'transactions.at', 0, 'scoring.rfm.r', { score: r, days }),
        line('rfm.f', 'transactions', 0, 'scoring.rfm.f', { score: f, count, months }),
        line('rfm.m', 'transactions.amount', 0, 'scoring.rfm.m', { score: m, amount: round2(amount), months }),
      ];
  return { value: { r, f, m, code: `${r}${f}${m}` }, lines };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
