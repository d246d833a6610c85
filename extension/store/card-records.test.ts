import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { moveOpportunity, newOpportunityFields, recordComplaint, recordSurvey, setGates } from './card-records';
import type { LeadcardDb } from './db';
import { saveLocal } from './local-change';
import { newAccountFields } from './new-records';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
afterEach(() => db?.close());

async function withOpportunity() {
  db = openTestDb();
  const env = testEnv();
  const accountId = (await saveLocal(db, env, 'account', null, newAccountFields({ name: '宁波东海模具' }))).id;
  const id = (
    await saveLocal(db, env, 'opportunity', null, newOpportunityFields({ accountId, name: '二期', amount: 800_000 }))
  ).id;
  const load = async () => {
    const record = await db.opportunities.get(id);
    if (!record) throw new Error('opportunity gone');
    return record;
  };
  return { env, accountId, load };
}

const at = '2026-11-22T10:00:00.000Z';

describe('opportunity stage moves in the store', () => {
  it.each([
    ['initiation', {}, { allowed: false, reason: 'missing-gates' }],
    ['lost', {}, { allowed: false, reason: 'lost-reason-required' }],
    ['lost', { lostReason: '预算取消' }, { allowed: true }],
    [
      'proposal',
      { override: { by: 'li', role: 'rep' as const, reason: '老客户', at } },
      { allowed: false, reason: 'override-not-manager' },
    ],
    [
      'proposal',
      { override: { by: 'zhao', role: 'manager' as const, reason: '', at } },
      { allowed: false, reason: 'override-reason-required' },
    ],
  ] as const)('development → %s with %j', async (to, options, expected) => {
    const { env, load } = await withOpportunity();
    const before = await db.outbox.count();
    const move = await moveOpportunity(db, env, await load(), to, DEFAULT_RULES, options);
    expect(move).toMatchObject(expected);
    expect(await db.outbox.count()).toBe(move.allowed ? before + 1 : before);
    expect((await load()).fields.stage).toBe(move.allowed ? to : 'development');
  });

  it('opens the next stage once its gate is recorded, and records a manager’s override with its reason', async () => {
    const { env, load } = await withOpportunity();
    await setGates(db, env, await load(), { projectInfo: true });
    expect(await moveOpportunity(db, env, await load(), 'initiation', DEFAULT_RULES)).toMatchObject({ allowed: true });
    const override = { by: 'zhao', role: 'manager' as const, reason: '客户高层已拍板', at };
    expect(await moveOpportunity(db, env, await load(), 'negotiation', DEFAULT_RULES, { override })).toMatchObject({
      allowed: true,
      override: {
        skipped: [{ gate: 'presalesApproved' }, { gate: 'decisionMakersReached' }, { gate: 'bidSubmitted' }],
      },
    });
    expect((await load()).fields).toMatchObject({
      stage: 'negotiation',
      stageOverride: { by: 'zhao', reason: '客户高层已拍板', at },
    });
  });
});

describe('complaints and surveys', () => {
  it('records both with their outbox mutations', async () => {
    const { env, accountId } = await withOpportunity();
    await recordComplaint(db, env, {
      accountId,
      at,
      channel: 'phone',
      category: 'service-attitude',
      summary: '未回电',
    });
    await recordSurvey(db, env, { accountId, at, satisfaction: 2, repeatPurchase: 'low', referral: 'unlikely' });
    expect((await db.complaints.toArray())[0]?.fields).toMatchObject({
      step: 'recorded',
      category: 'service-attitude',
    });
    expect((await db.outbox.toArray()).map((m) => m.entity).slice(-2)).toEqual(['complaint', 'survey']);
  });

  it('refuses a survey outside the five levels', async () => {
    const { env, accountId } = await withOpportunity();
    await expect(
      recordSurvey(db, env, { accountId, at, satisfaction: 6, repeatPurchase: 'low', referral: 'maybe' }),
    ).rejects.toThrow('satisfaction');
  });
});
