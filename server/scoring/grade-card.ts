import type { EntityName, Grades } from '../../shared/schema/entities';
import { gradeAccount } from '../../shared/scoring/grade-account';
import type { PopulationStats } from '../../shared/scoring/population-stats';
import type { RuleDocument } from '../../shared/scoring/rules';
import { gradeableAccount, relatedRecords } from '../../shared/scoring/scoring-inputs';
import type { ScoreAccount } from '../scoring-seam';

export type RulesInForce = Pick<RuleDocument, 'version' | 'rules'>;

/** Grades one stored account from its stored fields and live child records (DESIGN §4, the grades of §9). */
export function gradeCard(
  id: string,
  fields: Record<string, unknown>,
  children: Iterable<{ entity: EntityName; fields: Record<string, unknown> }>,
  population: PopulationStats,
  rules: RulesInForce,
  now: Date,
): Grades {
  return gradeAccount(gradeableAccount(id, fields), relatedRecords(children), population, rules, now);
}

/**
 * The incremental grader a push runs inside its transaction: the rules in force and the last batch's
 * population statistics, read at call time so a rule change or a new batch applies to the next push.
 */
export function incrementalScorer(rules: () => RulesInForce, population: () => PopulationStats): ScoreAccount {
  return ({ account, children }, now) => gradeCard(account.id, account.fields, children, population(), rules(), now);
}
