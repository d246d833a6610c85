import { describe, expect, it } from 'vitest';
import { loadCard } from '../../extension/store/card';
import { saveLocal } from '../../extension/store/local-change';
import { newAccountFields, newActivityFields, newContactFields } from '../../extension/store/new-records';
import { testEnv } from '../../extension/store/test-db';
import { ServerError } from '../../extension/sync/server-error';
import { type Session, signIn } from '../../extension/sync/session';
import { syncOnce } from '../../extension/sync/sync-client';
import { startRealServer } from '../support/server';
import { useTeamServer } from '../support/team-server';

/** The extension's store and sync client against the real `leadcard serve` on loopback (DESIGN §8). */
describe('extension sync against the real server', () => {
  const team = useTeamServer();
  const { device, now } = team;

  it('signs in, pushes a card with a visit and its next meeting, and the manager pulls it', async () => {
    const li = await signIn(fetch, team.server.url, 'li', 'li-password-1', now());
    const db = device('li-1');
    const env = testEnv(Date.now(), 1, 7);
    const { id } = await saveLocal(
      db,
      env,
      'account',
      null,
      newAccountFields({ name: '苏州恒信精密机械有限公司', domains: ['hengxin.cn'] }),
    );
    await saveLocal(
      db,
      env,
      'contact',
      null,
      newContactFields({ accountId: id, name: '赵经理', emails: ['zhao@hengxin.cn'] }),
    );
    await saveLocal(
      db,
      env,
      'activity',
      null,
      newActivityFields({
        accountId: id,
        type: 'visit',
        at: '2026-11-22T10:00:00+08:00',
        by: 'li',
        summary: '面访赵经理，确认需求',
        next: { at: '2026-12-01T14:00:00+08:00', place: '苏州工业园区', purpose: '方案演示' },
      }),
    );
    const result = await syncOnce(db, li, { fetch, env });
    expect(result.pushed).toBe(3);
    expect(await db.outbox.count()).toBe(0);
    // Pulled back: now owned by li on the server.
    expect((await db.accounts.get(id))?.fields.owner).toBe('li');

    const boss = await signIn(fetch, team.server.url, 'boss', 'boss-password-1', now());
    const managerDb = device('boss-1');
    await syncOnce(managerDb, boss, { fetch, env: testEnv(Date.now(), 1, 8) });
    const card = await loadCard(managerDb, id, '2026-11-23T00:00:00Z');
    expect(card?.activities.map((a) => a.fields.summary)).toEqual(['面访赵经理，确认需求']);
    expect(card?.nextMeeting).toMatchObject({ place: '苏州工业园区', purpose: '方案演示' });
  });

  it('two reps edit a shared card while the server is down, then both end with the same card', async () => {
    const li = await signIn(fetch, team.server.url, 'li', 'li-password-1', now());
    const wang = await signIn(fetch, team.server.url, 'wang', 'wang-password-1', now());
    const a = device('li-2');
    const b = device('wang-2');
    const envA = testEnv(Date.now(), 3, 11);
    // Wang's clock runs two minutes behind: his later edit loses by HLC, and he must still converge.
    const envB = testEnv(Date.now() - 120_000, 5, 12);
    const { id } = await saveLocal(
      a,
      envA,
      'account',
      null,
      newAccountFields({ name: 'Acme Robotics Ltd', region: 'Shanghai' }),
    );
    await syncOnce(a, li, { fetch, env: envA });
    const share = await fetch(`${team.server.url}/api/v1/accounts/${id}/share`, {
      method: 'POST',
      headers: { authorization: `Bearer ${li.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ users: ['wang'] }),
    });
    expect(share.status).toBe(200);
    await syncOnce(b, wang, { fetch, env: envB });
    expect((await b.accounts.get(id))?.fields.name).toBe('Acme Robotics Ltd');

    const dataDir = team.server.dataDir;
    await team.server.stop();
    await saveLocal(a, envA, 'account', id, { region: 'Suzhou', industry: 'robotics' });
    await saveLocal(b, envB, 'account', id, { region: 'Hangzhou', employees: 120 });
    const offline = await syncOnce(a, li, { fetch, env: envA }).catch((e) => e);
    expect(offline).toBeInstanceOf(ServerError);
    expect(offline.kind).toBe('offline');

    team.server = await startRealServer({ dataDir });
    const moved = (s: Session) => ({ ...s, serverUrl: team.server.url });
    await syncOnce(a, moved(li), { fetch, env: envA });
    await syncOnce(b, moved(wang), { fetch, env: envB });
    await syncOnce(a, moved(li), { fetch, env: envA });
    const cardA = (await a.accounts.get(id))?.fields;
    const cardB = (await b.accounts.get(id))?.fields;
    expect(cardB).toEqual(cardA);
    // Edits of different fields both survive; the one field both changed ends the same on both (LWW by HLC).
    expect(cardA).toMatchObject({ industry: 'robotics', employees: 120 });
    expect(['Suzhou', 'Hangzhou']).toContain(cardA?.region);
    expect(await a.outbox.count()).toBe(0);
    expect(await b.outbox.count()).toBe(0);
  });

  it('an unknown password is refused plainly', async () => {
    const error = await signIn(fetch, team.server.url, 'li', 'wrong', now()).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.kind).toBe('auth');
  });
});
