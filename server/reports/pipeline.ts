import { isStuck } from '../../shared/scoring/is-stuck';
import { type ScoringRules, STAGE_ORDER, type Stage } from '../../shared/scoring/rules';
import { stageProbability } from '../../shared/scoring/stage-probability';
import { timeOf } from '../../shared/scoring/time';
import { weightedForecast } from '../../shared/scoring/weighted-forecast';
import { createdAtOf } from './created-at';
import { amountOf, type Row, textOf } from './rows';

/** The board's stages: the six of the key-account process (DESIGN §6), then lost. */
export const BOARD_STAGES: readonly Stage[] = [...STAGE_ORDER, 'lost'];

/** One opportunity (商机) on the pipeline board. */
export type OpportunityCard = {
  id: string;
  name: string;
  accountId: string | null;
  accountName: string | null;
  amount: number;
  currency: string;
  stage: Stage;
  owner: string | null;
  team: string | null;
  expectedClose: string | null;
  grade: string | null;
  /** Days since the account's last activity (or the opportunity's creation); null when neither is known. */
  daysQuiet: number | null;
  stuck: boolean;
};

/** The board's narrowing beyond owner and team: project grade, amount range, expected-close range (inclusive). */
export type CardFilter = {
  grade?: string | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  closeFrom?: string | undefined;
  closeTo?: string | undefined;
};

const isStage = (value: unknown): value is Stage => typeof value === 'string' && BOARD_STAGES.includes(value as Stage);

/**
 * The opportunities as board cards, stuck ones first, then by amount (largest first). "Stuck" is the scoring
 * rule (no activity for `stuckAfterDays`), counted from the later of the account's last activity and the
 * opportunity's creation.
 */
export function opportunityCards(
  opportunities: readonly Row[],
  context: { accountNames: ReadonlyMap<string, string>; lastActivity: ReadonlyMap<string, number> },
  filter: CardFilter,
  rules: ScoringRules,
  now: Date,
): OpportunityCard[] {
  const from = timeOf(filter.closeFrom);
  const to = timeOf(filter.closeTo);
  const cards: OpportunityCard[] = [];
  for (const row of opportunities) {
    const f = row.fields;
    const stage = isStage(f.stage) ? f.stage : 'development';
    const amount = amountOf(f.amount);
    const expectedClose = textOf(f.expectedClose);
    const grade = textOf(f.grade);
    if (filter.grade !== undefined && grade !== filter.grade) continue;
    if (filter.minAmount !== undefined && amount < filter.minAmount) continue;
    if (filter.maxAmount !== undefined && amount > filter.maxAmount) continue;
    if (!Number.isNaN(from) || !Number.isNaN(to)) {
      const close = timeOf(expectedClose);
      if (Number.isNaN(close) || close < from || close > (Number.isNaN(to) ? Number.POSITIVE_INFINITY : to)) continue;
    }
    const activity = row.accountId === null ? undefined : context.lastActivity.get(row.accountId);
    const created = createdAtOf(row.id);
    const latest = Math.max(activity ?? Number.NEGATIVE_INFINITY, created ?? Number.NEGATIVE_INFINITY);
    const quiet = isStuck({ stage }, Number.isFinite(latest) ? new Date(latest).toISOString() : null, rules, now);
    const days = Number.isFinite(latest) ? Math.max(0, Math.floor((now.getTime() - latest) / 86_400_000)) : null;
    cards.push({
      id: row.id,
      name: textOf(f.name) ?? '',
      accountId: row.accountId,
      accountName: row.accountId === null ? null : (context.accountNames.get(row.accountId) ?? null),
      amount,
      currency: textOf(f.currency) ?? 'CNY',
      stage,
      owner: row.owner,
      team: row.team,
      expectedClose,
      grade,
      daysQuiet: days,
      stuck: quiet.stuck,
    });
  }
  return cards.sort((a, b) => Number(b.stuck) - Number(a.stuck) || b.amount - a.amount || (a.id < b.id ? -1 : 1));
}

export type PipelineStage = {
  stage: Stage;
  probability: number;
  count: number;
  amount: number;
  weighted: number;
  stuck: number;
  /** The first `perStage` cards of the stage; the rest come page by page from the opportunities list. */
  cards: OpportunityCard[];
};
export type PipelineReport = {
  stages: PipelineStage[];
  /** Weighted forecast (Σ amount × probability) of the open stages; won (implementation) counts at 100%. */
  weighted: number;
  amount: number;
  count: number;
  stuck: number;
};

/** The pipeline board: per stage the count, amount, weighted amount, stuck count and the first cards. */
export function pipelineReport(
  cards: readonly OpportunityCard[],
  rules: ScoringRules,
  perStage: number,
): PipelineReport {
  const forecast = weightedForecast(cards, rules);
  const stages = BOARD_STAGES.map((stage): PipelineStage => {
    const inStage = cards.filter((card) => card.stage === stage);
    const row = forecast.byStage[stage];
    return {
      stage,
      probability: stageProbability(stage, rules),
      count: inStage.length,
      amount: row?.amount ?? 0,
      weighted: row?.weighted ?? 0,
      stuck: inStage.filter((card) => card.stuck).length,
      cards: inStage.slice(0, perStage),
    };
  });
  return {
    stages,
    weighted: forecast.total,
    amount: cards.reduce((sum, card) => sum + card.amount, 0),
    count: cards.length,
    stuck: cards.filter((card) => card.stuck).length,
  };
}
