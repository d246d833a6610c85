import { describe, expect, it } from 'vitest';
import { recordInterest } from '../../extension/clip/save-clip';
import { loadCard } from '../../extension/store/card';
import { saveLocal } from '../../extension/store/local-change';
import { newAccountFields, newContactFields } from '../../extension/store/new-records';
import { testEnv } from '../../extension/store/test-db';
import { signIn } from '../../extension/sync/session';
import { syncOnce } from '../../extension/sync/sync-client';
import { useTeamServer } from '../support/team-server';

/** DESIGN §5: clipping a customer a colleague protects records the rep's interest on the colleague's card. */
describe('interest in a protected customer, against the real server', () => {
  const team = useTeamServer();
  const { device, now } = team;

  it('the owner and the manager pull the interest; the interested rep still cannot read the card', async () => {
    const li = await signIn(fetch, team.server.url, 'li', 'li-password-1', now());
    const liDb = device('li-interest');
    const liEnv = testEnv(Date.now(), 1, 11);
    const { id } = await saveLocal(
      liDb,
      liEnv,
      'account',
      null,
      newAccountFields({ name: '杭州云帆网络科技有限公司', domains: ['yunfan.cn'] }),
    );
    await saveLocal(
      liDb,
      liEnv,
      'contact',
      null,
      newContactFields({ accountId: id, name: '陈静', emails: ['chen@yunfan.cn'] }),
    );
    await syncOnce(liDb, li, { fetch, env: liEnv });

    // wang clips 陈静 from the customer's site: the duplicate check said "protected by li", so the clip flow keeps
    // an interest instead of a card, and the next sync sends it.
    const wang = await signIn(fetch, team.server.url, 'wang', 'wang-password-1', now());
    const wangDb = device('wang-interest');
    const wangEnv = testEnv(Date.now(), 1, 12);
    await recordInterest(wangDb, wangEnv, {
      candidate: {
        name: '陈静',
        title: '采购经理',
        org: '云帆网络',
        emails: ['chen@yunfan.cn'],
        phones: [],
        website: 'https://www.yunfan.cn/',
        address: null,
        kind: 'person',
        evidence: {},
      },
      owner: 'li',
      until: null,
      url: 'https://www.yunfan.cn/team',
      by: 'wang',
    });
    await syncOnce(wangDb, wang, { fetch, env: wangEnv });
    expect(await wangDb.meta.get('clip.interests')).toMatchObject({ value: [] });
    expect(await wangDb.accounts.get(id)).toBeUndefined();
    expect(await wangDb.activities.where('accountId').equals(id).count()).toBe(0);
    const direct = await fetch(`${team.server.url}/api/v1/accounts/${id}`, {
      headers: { authorization: `Bearer ${wang.token}` },
    });
    expect(direct.status).toBe(404);

    await syncOnce(liDb, li, { fetch, env: liEnv });
    const card = await loadCard(liDb, id, '2026-11-23T00:00:00Z');
    const interest = card?.activities.find((a) => a.fields.by === 'wang');
    expect(interest?.fields).toMatchObject({ type: 'ownership', source: 'https://www.yunfan.cn/team', body: '陈静' });

    const boss = await signIn(fetch, team.server.url, 'boss', 'boss-password-1', now());
    const bossDb = device('boss-interest');
    await syncOnce(bossDb, boss, { fetch, env: testEnv(Date.now(), 1, 13) });
    expect(
      await bossDb.activities
        .where('accountId')
        .equals(id)
        .filter((a) => a.fields.by === 'wang')
        .count(),
    ).toBe(1);
  });
});
