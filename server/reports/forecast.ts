import type { ScoringRules } from '../../shared/scoring/rules';
import { timeOf } from '../../shared/scoring/time';
import { weightedForecast } from '../../shared/scoring/weighted-forecast';
import type { OpportunityCard } from './pipeline';
import { monthOf, monthRange, type Row } from './rows';

export type ForecastMonth = { month: string; weighted: number; won: number };
export type ForecastRep = { owner: string | null; count: number; amount: number; weighted: number; won: number };
export type ForecastReport = { months: ForecastMonth[]; reps: ForecastRep[] };

/**
 * Weighted forecast (Σ amount × probability, DESIGN §6) by expected-close month and by rep, against won revenue
 * (transactions) in the same month or, per rep, over the same span. Months run from `past` months before now to
 * `ahead` months after; lost opportunities weigh nothing and are left out. Revenue comes per account and month
 * (ReportIndex.shared), credited to the account's owner.
 */
export function forecastReport(
  cards: readonly OpportunityCard[],
  accounts: readonly Pick<Row, 'id' | 'owner'>[],
  revenueByMonth: ReadonlyMap<string, ReadonlyMap<string, number>>,
  rules: ScoringRules,
  now: Date,
  span: { past: number; ahead: number } = { past: 6, ahead: 6 },
): ForecastReport {
  const months = monthRange(now.getTime(), -span.past, span.past + span.ahead + 1);
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const open = cards.filter((card) => card.stage !== 'lost');

  const byMonth = new Map<string, OpportunityCard[]>();
  for (const card of open) {
    const close = timeOf(card.expectedClose);
    if (Number.isNaN(close)) continue;
    push(byMonth, monthOf(close), card);
  }
  const wonByMonth = new Map<string, number>();
  const wonByOwner = new Map<string | null, number>();
  for (const account of accounts) {
    const revenue = revenueByMonth.get(account.id);
    if (!revenue) continue;
    for (const [month, amount] of revenue) {
      if (month < first || month > last) continue;
      wonByMonth.set(month, (wonByMonth.get(month) ?? 0) + amount);
      wonByOwner.set(account.owner, (wonByOwner.get(account.owner) ?? 0) + amount);
    }
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
