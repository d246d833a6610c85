import type { ComplaintFields, OpportunityFields, SurveyFields } from '../../shared/schema/entities';
import type { ScoringRules, Stage } from '../../shared/scoring/rules';
import { checkStageMove, type StageMove, type StageOverride } from '../../shared/scoring/stage-move';
import type { LeadcardDb, StoredRecord } from './db';
import { saveLocal } from './local-change';
import type { StoreEnv } from './meta';

/** A new opportunity (商机) at the first stage, no gates reached yet. */
export function newOpportunityFields(
  overrides: Partial<OpportunityFields> & Pick<OpportunityFields, 'accountId' | 'name' | 'amount'>,
): OpportunityFields {
  return {
    currency: 'CNY',
    stage: 'development',
    expectedClose: null,
    needs: null,
    schedule: null,
    budget: null,
    decisionMakers: [],
    competition: null,
    criteria: [],
    grade: null,
    lostReason: null,
    gates: {},
    stageOverride: null,
    ...overrides,
  };
}

/** A complaint (投诉) as the rep records it: the first step of the handling flow, everything after it open. */
export function newComplaintFields(
  overrides: Partial<ComplaintFields> & Pick<ComplaintFields, 'accountId' | 'at' | 'channel' | 'category' | 'summary'>,
): ComplaintFields {
  return {
    step: 'recorded',
    valid: null,
    responsibleDept: null,
    responsiblePerson: null,
    cause: null,
    solution: null,
    approvedBy: null,
    notifiedAt: null,
    satisfied: null,
    closedAt: null,
    ...overrides,
  };
}

export async function recordComplaint(
  db: LeadcardDb,
  env: StoreEnv,
  fields: Parameters<typeof newComplaintFields>[0],
): Promise<string> {
  return (await saveLocal(db, env, 'complaint', null, newComplaintFields(fields))).id;
}

export async function recordSurvey(db: LeadcardDb, env: StoreEnv, fields: SurveyFields): Promise<string> {
  return (await saveLocal(db, env, 'survey', null, fields)).id;
}

/** Marks the key nodes (gates) of an opportunity reached or not; a partial update of `gates`. */
export async function setGates(
  db: LeadcardDb,
  env: StoreEnv,
  opportunity: StoredRecord,
  gates: Record<string, boolean>,
): Promise<void> {
  const current = (opportunity.fields.gates ?? {}) as OpportunityFields['gates'];
  await saveLocal(db, env, 'opportunity', opportunity.id, { gates: { ...current, ...gates } });
}

/**
 * Moves an opportunity to `to` if the gate check of shared/scoring allows it (DESIGN §6), writing the stage, the
 * lost reason and a manager's override; a refused move writes nothing and says what is missing.
 */
export async function moveOpportunity(
  db: LeadcardDb,
  env: StoreEnv,
  opportunity: StoredRecord,
  to: Stage,
  rules: ScoringRules,
  options: { lostReason?: string; override?: StageOverride } = {},
): Promise<StageMove> {
  const f = opportunity.fields as OpportunityFields;
  const lostReason = options.lostReason?.trim() || null;
  const move = checkStageMove(
    { stage: f.stage, gates: f.gates ?? {}, lostReason: to === 'lost' ? lostReason : f.lostReason },
    to,
    rules,
    options.override,
  );
  if (!move.allowed) return move;
  await saveLocal(db, env, 'opportunity', opportunity.id, {
    stage: to,
    ...(to === 'lost' ? { lostReason } : {}),
    ...(move.override
      ? { stageOverride: { by: move.override.by, reason: move.override.reason, at: move.override.at } }
      : {}),
  });
  return move;
}
