import { beforeEach, describe, expect, it } from 'vitest';
import type { FieldChange } from '../../shared/match/merge-plan';
import type { Candidate } from '../../shared/schema/candidate';
import { clipPlan, conflictKey, plannedProvenance, plannedValues } from './clip-plan';
import type { LeadcardDb } from './db';
import { saveLocal } from './local-change';
import { newAccountFields, newContactFields } from './new-records';
import { openTestDb, testEnv } from './test-db';

const lead = (overrides: Partial<Candidate> = {}): Candidate => ({
  name: '李娜',
  title: '采购经理',
  org: '杭州云帆网络科技有限公司',
  emails: ['lina@yunfan.cn'],
  phones: [],
  website: null,
  address: null,
  kind: 'person',
  evidence: { name: ['h-card'], title: ['h-card'], emails: ['mailto'] },
  ...overrides,
});

let db: LeadcardDb;
let n = 0;
beforeEach(() => {
  db = openTestDb(`clip-plan-${n++}`);
});

describe('clipPlan (page and mail clips alike)', () => {
  it('plans a new card when no stored card shares a key', async () => {
    const planned = await clipPlan(db, lead());
    expect(planned).toMatchObject({ account: null, contact: null, match: { account: { action: 'new' } } });
    expect(planned.plan.contact.some((change) => change.action === 'conflict')).toBe(false);
    expect(planned.plan.contact).toContainEqual(
      expect.objectContaining({ field: 'name', action: 'fill', value: '李娜' }),
    );
  });

  it('merges into the card whose domain the email shares, with a conflict for a different title', async () => {
    const env = testEnv();
    const { id: accountId } = await saveLocal(
      db,
      env,
      'account',
      null,
      newAccountFields({ name: '杭州云帆网络科技有限公司', domains: ['yunfan.cn'] }),
    );
    const { id: contactId } = await saveLocal(
      db,
      env,
      'contact',
      null,
      newContactFields({ accountId, name: '李娜', title: '总经理', emails: ['lina@yunfan.cn'] }),
    );
    const planned = await clipPlan(db, lead());
    expect(planned.account?.id).toBe(accountId);
    expect(planned.contact?.id).toBe(contactId);
    expect(planned.plan.contact).toContainEqual(
      expect.objectContaining({ field: 'title', action: 'conflict', current: '总经理', incoming: '采购经理' }),
    );
  });
});

const changes: FieldChange<string>[] = [
  { field: 'name', action: 'fill', value: '李娜', evidence: ['h-card'] },
  { field: 'phones', action: 'append', values: ['+8657188886666'], evidence: [] },
  { field: 'title', action: 'conflict', current: '总经理', incoming: '采购经理', evidence: ['h-card'] },
];
const current = { phones: ['+8613800138000'], title: '总经理' };

describe('plannedValues', () => {
  it.each([
    ['the card keeps a conflict the rep left alone', () => false, { name: '李娜' }],
    ['the clip wins a conflict the rep chose it for', (key: string) => key === 'contact.title', { title: '采购经理' }],
  ])('%s', (_, takesClip, expected) => {
    const values = plannedValues('contact', changes, current, takesClip);
    expect(values).toMatchObject({ ...expected, phones: ['+8613800138000', '+8657188886666'] });
    if (!('title' in expected)) expect(values).not.toHaveProperty('title');
  });

  it('asks about each conflict by its side and field', () => {
    const asked: string[] = [];
    plannedValues('account', changes, current, (key) => asked.push(key) > 0);
    expect(asked).toEqual([conflictKey('account', 'title')]);
  });
});

describe('plannedProvenance', () => {
  const origin = { source: `https://www.yunfan.cn/${'x'.repeat(3000)}`, part: 'page', at: '2026-11-22T09:00:00.000Z' };

  it('names the capture part of each written field, the fallback part where the plan names none', () => {
    const out = plannedProvenance(changes, origin, () => false);
    expect(Object.keys(out)).toEqual(['name', 'phones']);
    expect(out.name?.part).toBe('h-card');
    expect(out.phones?.part).toBe('page');
    expect(out.name?.source).toHaveLength(2048);
  });

  it('gives a conflict the rep settled for the clip its origin', () => {
    expect(plannedProvenance(changes, origin, (key) => key === 'contact.title').title).toMatchObject({
      part: 'h-card',
      at: origin.at,
    });
  });
});
