import type { AccountFields } from '../schema/entities';
import { type Explained, type ExplanationLine, line } from './explain';
import type { ScoringRules } from './rules';

/** 甲/乙/丙 → A/B/C; null while the need has not been assessed. */
export type Qualification = 'A' | 'B' | 'C';

const RULE = 'qualification';

/**
 * Qualification (甲/乙/丙) from the account's `needs`:
 * 甲 (A) = aware of the need, the need matches our products closely, and the matching budget meets the threshold
 * (textbook: ≥ 100k matching of a ≥ 500k total); 乙 (B) = aware, but a weaker match or budget (nurture);
 * 丙 (C) = not aware, or no need at all (low effort). Unknown awareness is not yet qualified: null.
 */
export function qualify(
  account: Pick<AccountFields, 'needs'>,
  rules: ScoringRules,
  explain = true,
): Explained<Qualification | null> {
  const { aware, match, budgetTotal, budgetMatching } = account.needs;
  const q = rules.qualification;
  const lines: ExplanationLine[] = [];

  const awareKey =
    aware === true
      ? 'scoring.qualification.aware'
      : aware === false
        ? 'scoring.qualification.notAware'
        : 'scoring.qualification.awareUnknown';
  if (explain) lines.push(line(RULE, 'needs.aware', 0, awareKey));
  if (explain && match !== undefined) lines.push(line(RULE, 'needs.match', 0, `scoring.qualification.match.${match}`));
  if (aware === false || match === 'none') return { value: 'C', lines };
  if (aware === undefined) return { value: null, lines };

  const params = {
    total: budgetTotal ?? '?',
    matching: budgetMatching ?? '?',
    minTotal: q.budgetTotalMin,
    minMatching: q.budgetMatchingMin,
  };
  const budgetMet =
    budgetTotal !== undefined &&
    budgetMatching !== undefined &&
    budgetTotal >= q.budgetTotalMin &&
    budgetMatching >= q.budgetMatchingMin;
  // The line names the field that fell short: the total when the project is too small, else the matching part.
  const field =
    budgetTotal !== undefined && budgetTotal < q.budgetTotalMin ? 'needs.budgetTotal' : 'needs.budgetMatching';
  if (explain)
    lines.push(
      line(RULE, field, 0, budgetMet ? 'scoring.qualification.budgetMet' : 'scoring.qualification.budgetShort', params),
    );
  const strong = match !== undefined && q.strongMatch.includes(match);
  return { value: strong && budgetMet ? 'A' : 'B', lines };
}
