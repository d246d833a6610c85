import { afterEach, describe, expect, it } from 'vitest';
import { loadCard, nextMeetingOf } from './card';
import type { LeadcardDb, StoredRecord } from './db';
import { saveLocal } from './local-change';
import { newAccountFields, newActivityFields, newContactFields } from './new-records';
import { openTestDb, testEnv } from './test-db';

let db: LeadcardDb;
afterEach(() => db?.close());

describe('loadCard', () => {
  it('gathers the contacts (primary first), the history newest first and the next meeting', async () => {
    db = openTestDb();
    const env = testEnv();
    const { id } = await saveLocal(db, env, 'account', null, newAccountFields({ name: '杭州云帆网络科技有限公司' }));
    await saveLocal(
      db,
      env,
      'contact',
      null,
      newContactFields({ accountId: id, name: '李四', buyingRole: 'influencer' }),
    );
    await saveLocal(
      db,
      env,
      'contact',
      null,
      newContactFields({ accountId: id, name: '王总', isPrimary: true, buyingRole: 'decision-maker' }),
    );
    const log = (at: string, type: 'call' | 'visit', summary: string, next: string | null) =>
      saveLocal(
        db,
        env,
        'activity',
        null,
        newActivityFields({
          accountId: id,
          type,
          at,
          by: 'li',
          summary,
          next: next ? { at: next, place: '客户总部 3 楼', purpose: '演示' } : null,
        }),
      );
    await log('2026-11-01T10:00:00+08:00', 'call', '初次电话', '2026-11-10T10:00:00+08:00');
    await log('2026-11-20T14:00:00+08:00', 'visit', '面访王总', '2026-12-02T09:30:00+08:00');
    await log('2026-11-21T09:00:00+08:00', 'call', '确认时间', '2026-11-28T15:00:00+08:00');
    const { id: other } = await saveLocal(db, env, 'account', null, newAccountFields({ name: 'Other' }));
    await saveLocal(
      db,
      env,
      'activity',
      null,
      newActivityFields({ accountId: other, type: 'note', at: '2026-11-22', by: 'li', summary: 'x' }),
    );

    const card = await loadCard(db, id, '2026-11-22T00:00:00Z');
    expect(card?.contacts.map((c) => c.fields.name)).toEqual(['王总', '李四']);
    expect(card?.activities.map((a) => a.fields.summary)).toEqual(['确认时间', '面访王总', '初次电话']);
    expect(card?.nextMeeting).toMatchObject({ at: '2026-11-28T15:00:00+08:00', place: '客户总部 3 楼' });
    expect(await loadCard(db, '01935240-5400-7000-8000-00000000dead', '2026-11-22T00:00:00Z')).toBeNull();
  });

  it('has no next meeting when every one is past', () => {
    const past = { fields: { next: { at: '2026-01-01T00:00:00Z' } } } as unknown as StoredRecord;
    expect(nextMeetingOf([past], '2026-11-22T00:00:00Z')).toBeNull();
  });
});
