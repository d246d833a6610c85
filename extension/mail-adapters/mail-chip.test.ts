import { describe, expect, it } from 'vitest';
import { saveLocal } from '../store/local-change';
import { newAccountFields, newActivityFields, newContactFields } from '../store/new-records';
import { openTestDb, testEnv } from '../store/test-db';
import { formatTime } from '../ui/format';
import { mailChipFor } from './mail-chip';

const NOW = '2026-11-22T09:00:00.000Z';

describe('mailChipFor', () => {
  it('offers "Clip sender" for an unknown sender, in the rep’s language', async () => {
    const db = openTestDb('chip-unknown');
    expect(await mailChipFor(db, 'nobody@nowhere.example', 'en', null, NOW)).toEqual({
      kind: 'unknown',
      clipLabel: 'Clip sender',
    });
    expect(await mailChipFor(db, 'nobody@nowhere.example', 'zh-CN', null, NOW)).toMatchObject({
      clipLabel: '剪藏发件人',
    });
  });

  it('shows a known sender’s grade, score, owner, last contact and next meeting', async () => {
    const db = openTestDb('chip-known');
    const env = testEnv();
    const { id: accountId } = await saveLocal(db, env, 'account', null, newAccountFields({ name: '华兴科技' }));
    // The server's fields as a pull brings them (owner and grades are server-owned).
    await db.accounts.update(accountId, {
      'fields.owner': 'wang',
      'fields.grades': {
        score: { value: 82.4, band: 'hot', lines: [] },
        qualification: 'A',
        rfm: null,
        pyramid: null,
        abc: null,
        keyAccount: { value: false, reasons: [] },
        credit: null,
        loyalty: null,
        churnRisk: { value: false, reasons: [] },
        ruleVersion: 1,
      },
    });
    await saveLocal(
      db,
      env,
      'contact',
      null,
      newContactFields({ accountId, name: '张伟', emails: ['zhangwei@huaxing.cn'] }),
    );
    await saveLocal(
      db,
      env,
      'activity',
      null,
      newActivityFields({
        accountId,
        type: 'visit',
        at: '2026-11-20T02:00:00Z',
        by: 'wang',
        summary: 'Visit',
        next: { at: '2026-11-28T07:00:00Z', place: '深圳' },
      }),
    );
    const chip = await mailChipFor(db, 'ZhangWei@huaxing.cn', 'en', 'li', NOW);
    expect(chip).toMatchObject({
      kind: 'known',
      grade: 'A',
      color: '#c5221f',
      name: '华兴科技',
      clipLabel: 'Clip mail',
    });
    if (chip.kind !== 'known') throw new Error('known chip expected');
    expect(chip.details[0]).toBe('Score 82 · hot');
    expect(chip.details[1]).toBe('Owner: wang');
    // Dates in the browser's time zone, as the card shows them.
    expect(chip.details[2]).toBe(`Last contact ${formatTime('2026-11-20T02:00:00Z', 'en')}`);
    expect(chip.details[3]).toBe(`Next meeting ${formatTime('2026-11-28T07:00:00Z', 'en')} 深圳`);
    // The rep's own card says so.
    const mine = await mailChipFor(db, 'zhangwei@huaxing.cn', 'en', 'wang', NOW);
    expect(mine.kind === 'known' && mine.details[1]).toBe('Yours');
  });
});
