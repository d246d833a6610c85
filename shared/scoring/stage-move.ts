import type { OpportunityFields } from '../schema/entities';
import { type OpenStage, type ScoringRules, STAGE_ORDER, type Stage } from './rules';
import { stageProbability } from './stage-probability';

/** A gate (key node, 关键节点) the move passes: the stage it completes and the `gates` key that records it. */
export type GateRef = { stage: OpenStage; gate: string };

/** A manager's override of skipped gates; the server records it on the opportunity's `stageOverride`. */
export type StageOverride = { by: string; role: 'rep' | 'manager' | 'admin'; reason: string; at: string };

export type StageMove =
  | {
      allowed: true;
      from: Stage;
      to: Stage;
      probability: number;
      override: (StageOverride & { skipped: GateRef[] }) | null;
    }
  | { allowed: false; from: Stage; to: Stage; reason: 'missing-gates'; missing: GateRef[] }
  | { allowed: false; from: Stage; to: Stage; reason: 'lost-reason-required' }
  | {
      allowed: false;
      from: Stage;
      to: Stage;
      reason: 'override-not-manager' | 'override-reason-required';
      missing: GateRef[];
    };

/**
 * Checks a stage move of the key-account process (DESIGN §6). Moving forward passes the key node of every stage
 * left behind: from development to proposal needs `projectInfo` and `presalesApproved`. A gate is met when its
 * entry in `gates` is `true` or a non-empty note. A move with missing gates is refused naming them, unless a
 * manager (or admin) overrides it with a reason. Moving back needs no gate; `lost` needs a `lostReason`; reopening
 * a lost opportunity passes the gates of every stage before the target.
 */
export function checkStageMove(
  opportunity: Pick<OpportunityFields, 'stage' | 'gates' | 'lostReason'>,
  toStage: Stage,
  rules: ScoringRules,
  override?: StageOverride,
): StageMove {
  const from = opportunity.stage;
  const to = toStage;
  if (to === 'lost') {
    return opportunity.lostReason?.trim()
      ? { allowed: true, from, to, probability: stageProbability(to, rules), override: null }
      : { allowed: false, from, to, reason: 'lost-reason-required' };
  }
  const fromIndex = from === 'lost' ? 0 : STAGE_ORDER.indexOf(from);
  const toIndex = STAGE_ORDER.indexOf(to);
  const missing: GateRef[] = [];
  for (const step of rules.stages.steps.slice(fromIndex, Math.max(fromIndex, toIndex))) {
    const value = opportunity.gates[step.gate];
    const met = value === true || (typeof value === 'string' && value.trim() !== '');
    if (!met) missing.push({ stage: step.stage, gate: step.gate });
  }
  const probability = stageProbability(to, rules);
  if (missing.length === 0) return { allowed: true, from, to, probability, override: null };
  if (!override) return { allowed: false, from, to, reason: 'missing-gates', missing };
  if (override.role === 'rep') return { allowed: false, from, to, reason: 'override-not-manager', missing };
  if (!override.reason.trim()) return { allowed: false, from, to, reason: 'override-reason-required', missing };
  return { allowed: true, from, to, probability, override: { ...override, skipped: missing } };
}
