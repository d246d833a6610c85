import type { ScoringRules, Stage } from './rules';

/** The win probability (0–100) of a stage: 10/20/40/60/80/100 along the key-account process, lost 0. */
export function stageProbability(stage: Stage, rules: ScoringRules): number {
  if (stage === 'lost') return rules.stages.lostProbability;
  return rules.stages.steps.find((step) => step.stage === stage)?.probability ?? 0;
}
