import type { ScoringRules } from '../../shared/scoring/rules';
import { timeOf } from '../../shared/scoring/time';
import { weightedForecast } from '../../shared/scoring/weighted-forecast';
import type { OpportunityCard } from './pipeline';
import { amountOf, monthOf, monthRange, type Row, textOf } from './rows';

export type ForecastMonth = { month: string; weighted: number; won: number };
export type ForecastRep = { owner: string | null; count: number; amount: number; weighted: number; won: number };
export type ForecastReport = { months: ForecastMonth[]; reps: ForecastRep[] };

/**
 * Weighted forecast (Σ amount × probability, DESIGN §6) by expected-close month and by rep, against won revenue
 * (transactions) in the same month or, per rep, over the same span. Months run from `past` months before now to
 * `ahead` months after; lost opportunities weigh nothing and are left out.
 */
export function forecastReport(
  cards: readonly OpportunityCard[],
  transactions: readonly Row[],
  rules: ScoringRules,
  now: Date,
  span: { past: number; ahead: number } = { past: 6, ahead: 6 },
): ForecastReport {
  const months = monthRange(now.getTime(), -span.past, span.past + span.ahead + 1);
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const inSpan = (month: string) => month >= first && month <= last;
  const open = cards.filter((card) => card.stage !== 'lost');

  const byMonth = new Map<string, OpportunityCard[]>();
  for (const card of open) {
    const close = timeOf(card.expectedClose);
    if (Number.isNaN(close)) continue;
    push(byMonth, monthOf(close), card);
  }
  const wonByMonth = new Map<string, number>();
  const wonByOwner = new Map<string | null, number>();
  for (const row of transactions) {
    const at = timeOf(textOf(row.fields.at));
    if (Number.isNaN(at)) continue;
    const month = monthOf(at);
    if (!inSpan(month)) continue;
    const amount = amountOf(row.fields.amount);
    wonByMonth.set(month, (wonByMonth.get(month) ?? 0) + amount);
    wonByOwner.set(row.owner, (wonByOwner.get(row.owner) ?? 0) + amount);
  }

  const byOwner = new Map<string | null, OpportunityCard[]>();
  for (const card of open) push(byOwner, card.owner, card);
  for (const owner of wonByOwner.keys()) if (!byOwner.has(owner)) byOwner.set(owner, []);

  return {
    months: months.map((month) => ({
      month,
      weighted: weightedForecast(byMonth.get(month) ?? [], rules).total,
      won: cents(wonByMonth.get(month) ?? 0),
    })),
    reps: [...byOwner.entries()]
      .map(([owner, list]) => ({
        owner,
        count: list.length,
        amount: cents(list.reduce((sum, card) => sum + card.amount, 0)),
        weighted: weightedForecast(list, rules).total,
        won: cents(wonByOwner.get(owner) ?? 0),
      }))
      .sort((a, b) => b.weighted - a.weighted || String(a.owner).localeCompare(String(b.owner))),
  };
}

function push<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
