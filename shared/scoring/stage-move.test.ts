import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules';
import { checkStageMove, type StageOverride } from './stage-move';

const opportunity = (
  stage: Parameters<typeof checkStageMove>[0]['stage'],
  gates: Record<string, boolean | string> = {},
) => ({
  stage,
  gates,
  lostReason: null as string | null,
});
const manager: StageOverride = {
  by: '王经理',
  role: 'manager',
  reason: '客户高层已口头确认，立项文件下周补',
  at: '2026-11-22T09:00:00+08:00',
};

describe('stage moves of the key-account process', () => {
  it('lets development move on once the project information is accurate', () => {
    expect(
      checkStageMove(opportunity('development', { projectInfo: true }), 'initiation', DEFAULT_RULES),
    ).toMatchObject({
      allowed: true,
      probability: 20,
    });
  });

  it('accepts a note as gate data', () => {
    const move = checkStageMove(
      opportunity('initiation', { presalesApproved: '售前立项会 11-20 通过' }),
      'proposal',
      DEFAULT_RULES,
    );
    expect(move.allowed).toBe(true);
  });

  it('refuses a skip to bidding, naming each missing key node', () => {
    const move = checkStageMove(
      opportunity('development', { projectInfo: true, presalesApproved: '' }),
      'bidding',
      DEFAULT_RULES,
    );
    expect(move).toEqual({
      allowed: false,
      from: 'development',
      to: 'bidding',
      reason: 'missing-gates',
      missing: [
        { stage: 'initiation', gate: 'presalesApproved' },
        { stage: 'proposal', gate: 'decisionMakersReached' },
      ],
    });
  });

  it('accepts the skip when a manager overrides it with a reason, recording what was skipped', () => {
    const move = checkStageMove(opportunity('development', { projectInfo: true }), 'bidding', DEFAULT_RULES, manager);
    expect(move).toMatchObject({
      allowed: true,
      probability: 60,
      override: { by: '王经理', skipped: [{ gate: 'presalesApproved' }, { gate: 'decisionMakersReached' }] },
    });
  });

  it.each([
    [{ ...manager, role: 'rep' as const }, 'override-not-manager'],
    [{ ...manager, reason: '  ' }, 'override-reason-required'],
  ])('refuses an override by %j', (override, reason) => {
    expect(checkStageMove(opportunity('development'), 'initiation', DEFAULT_RULES, override)).toMatchObject({
      allowed: false,
      reason,
    });
  });

  it('needs no gate to move back', () => {
    expect(checkStageMove(opportunity('negotiation'), 'proposal', DEFAULT_RULES).allowed).toBe(true);
  });

  it('needs the contract signed to move to implementation (won)', () => {
    const move = checkStageMove(opportunity('negotiation'), 'implementation', DEFAULT_RULES);
    expect(move).toMatchObject({ allowed: false, missing: [{ stage: 'negotiation', gate: 'contractSigned' }] });
  });

  it('needs a reason to mark an opportunity lost', () => {
    expect(checkStageMove(opportunity('proposal'), 'lost', DEFAULT_RULES)).toMatchObject({
      allowed: false,
      reason: 'lost-reason-required',
    });
    const withReason = { ...opportunity('proposal'), lostReason: '价格高于竞品 15%' };
    expect(checkStageMove(withReason, 'lost', DEFAULT_RULES)).toMatchObject({ allowed: true, probability: 0 });
  });

  it('reopens a lost opportunity through the gates before the target', () => {
    const move = checkStageMove(opportunity('lost', { projectInfo: true }), 'proposal', DEFAULT_RULES);
    expect(move).toMatchObject({ allowed: false, missing: [{ gate: 'presalesApproved' }] });
  });
});
