import { describe, expect, it } from 'vitest';
import { makeAccount } from '../../test/factories/entities';
import { DEFAULT_RULES } from './default-rules';
import { gradeAccount } from './grade-account';
import { EMPTY_POPULATION } from './population-stats';
import { gradeableAccount, relatedRecords } from './scoring-inputs';
import { NOW } from './test-support';

describe('scoring inputs from stored records', () => {
  it('reads a complete account as it is', () => {
    const fields = makeAccount({ employees: 320, source: 'referral' });
    expect(gradeableAccount('a1', fields)).toMatchObject({
      id: 'a1',
      employees: 320,
      source: 'referral',
      needs: fields.needs,
    });
  });

  it('fills what a partial push left out, and ignores what it cannot read', () => {
    expect(gradeableAccount('a1', { name: '腾达', employees: -5, source: 'cold-call', strategic: true })).toEqual({
      id: 'a1',
      status: 'lead',
      employees: null,
      industry: null,
      region: null,
      source: 'other',
      needs: {},
      business: {},
      contract: {},
      strategic: true,
      credit: {},
    });
  });

  it('sorts child records and drops the unreadable ones', () => {
    const related = relatedRecords([
      { entity: 'contact', fields: { name: '张三', title: '总经理' } },
      { entity: 'contact', fields: { name: '李四' } },
      { entity: 'activity', fields: { type: 'visit', at: '2026-11-20', summary: '面访' } },
      { entity: 'activity', fields: { type: 'visit' } },
      { entity: 'transaction', fields: { at: '2026-10-01', amount: 5000, paidAt: '2026-10-20', currency: 'CNY' } },
      { entity: 'transaction', fields: { at: 'last week', amount: 5000 } },
      { entity: 'complaint', fields: { at: '2026-11-01', category: 'other' } },
      { entity: 'survey', fields: { at: '2026-11-01', satisfaction: 4, repeatPurchase: 'high', referral: 'maybe' } },
      { entity: 'opportunity', fields: { name: '二期', amount: 1 } },
    ]);
    expect(related).toEqual({
      contacts: [{ title: '总经理' }, { title: null }],
      activities: [{ type: 'visit', at: '2026-11-20' }],
      transactions: [{ at: '2026-10-01', amount: 5000, paidAt: '2026-10-20' }],
      complaints: [{ at: '2026-11-01' }],
      surveys: [{ at: '2026-11-01', satisfaction: 4, repeatPurchase: 'high', referral: 'maybe' }],
    });
    expect(
      gradeAccount(gradeableAccount('a1', {}), related, EMPTY_POPULATION, { version: 1, rules: DEFAULT_RULES }, NOW)
        .score.value,
    ).toBeGreaterThan(0);
  });
});
