import type { OpportunityFields } from '../schema/entities';
import type { ScoringRules, Stage } from './rules';
import { stageProbability } from './stage-probability';

export type StageForecast = { count: number; amount: number; probability: number; weighted: number };
export type WeightedForecast = { total: number; byStage: Partial<Record<Stage, StageForecast>> };

/**
 * Weighted forecast = Σ amount × stage probability (DESIGN §6), in total and per stage, rounded to cents.
 * `weightedForecast([{ amount: 100_000, stage: 'bidding' }], rules).total` → 60000.
 */
export function weightedForecast(
  opportunities: Iterable<Pick<OpportunityFields, 'amount' | 'stage'>>,
  rules: ScoringRules,
): WeightedForecast {
  const byStage: Partial<Record<Stage, StageForecast>> = {};
  let total = 0;
  for (const { amount, stage } of opportunities) {
    const probability = stageProbability(stage, rules);
    const weighted = (amount * probability) / 100;
    const row = byStage[stage] ?? { count: 0, amount: 0, probability, weighted: 0 };
    row.count++;
    row.amount += amount;
    row.weighted += weighted;
    byStage[stage] = row;
    total += weighted;
  }
  for (const row of Object.values(byStage)) row.weighted = cents(row.weighted);
  return { total: cents(total), byStage };
}

function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
