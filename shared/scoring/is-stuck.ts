import type { OpportunityFields } from '../schema/entities';
import type { ScoringRules } from './rules';
import { timeOf, wholeDaysBetween } from './time';

/**
 * An open opportunity with no activity for `stuckAfterDays` (default 14) is stuck (DESIGN §6). Pass the later of
 * its last activity and its creation; `null` (never any activity) counts as stuck. Won and lost ones never are.
 */
export function isStuck(
  opportunity: Pick<OpportunityFields, 'stage'>,
  lastActivityAt: string | null,
  rules: ScoringRules,
  now: Date,
): { stuck: boolean; days: number | null } {
  if (opportunity.stage === 'implementation' || opportunity.stage === 'lost') return { stuck: false, days: null };
  const at = timeOf(lastActivityAt);
  if (Number.isNaN(at)) return { stuck: true, days: null };
  const days = wholeDaysBetween(at, now.getTime());
  return { stuck: days >= rules.stages.stuckAfterDays, days };
}
