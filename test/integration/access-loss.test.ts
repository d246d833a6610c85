import { beforeAll, describe, expect, it } from 'vitest';
import type { LeadcardDb } from '../../extension/store/db';
import { discardQueuedChange } from '../../extension/store/discard';
import { saveLocal } from '../../extension/store/local-change';
import type { StoreEnv } from '../../extension/store/meta';
import { newAccountFields, newActivityFields, newContactFields } from '../../extension/store/new-records';
import { testEnv } from '../../extension/store/test-db';
import { type Session, signIn } from '../../extension/sync/session';
import { RefusedChangeError, syncOnce } from '../../extension/sync/sync-client';
import { useTeamServer } from '../support/team-server';
import { addUser } from '../support/users';

/**
 * DESIGN §8 "a rep never receives a record they may not see", §11: a user who loses access to a card loses their
 * copy on the next sync. The extension's store and sync client against the real `leadcard serve`.
 */
describe('a user who loses access to a card loses their copy', () => {
  const team = useTeamServer();
  const sessions: Record<string, Session> = {};
  const devices: Record<string, { db: LeadcardDb; env: StoreEnv }> = {};
  const passwords: Record<string, string> = {
    li: 'li-password-1',
    wang: 'wang-password-1',
    boss: 'boss-password-1',
    zhou: 'zhou-password-1',
    root: 'root-password-1',
  };

  beforeAll(async () => {
    addUser(team.server.dataDir, 'zhou', 'rep', 'west', passwords.zhou as string);
    addUser(team.server.dataDir, 'root', 'admin', 'hq', passwords.root as string);
    for (const [n, name] of Object.keys(passwords).entries()) {
      sessions[name] = await signIn(fetch, team.server.url, name, passwords[name] as string, team.now());
      devices[name] = { db: team.device(`access-loss-${name}`), env: testEnv(Date.now(), 1, 100 + n) };
    }
  });

  const sync = (name: string) => {
    const { db, env } = devices[name] as { db: LeadcardDb; env: StoreEnv };
    return syncOnce(db, sessions[name] as Session, { fetch, env });
  };
  const db = (name: string) => (devices[name] as { db: LeadcardDb }).db;
  const post = async (as: string, path: string, body: unknown) => {
    const res = await fetch(`${team.server.url}/api/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(sessions[as] as Session).token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  };
  /** Ids of the card and its contact and visit that `name` holds. */
  const held = async (name: string, card: { account: string; contact: string; activity: string }) => ({
    account: (await db(name).accounts.get(card.account)) !== undefined,
    contact: (await db(name).contacts.get(card.contact)) !== undefined,
    activity: (await db(name).activities.get(card.activity)) !== undefined,
  });
  const all = { account: true, contact: true, activity: true };
  const none = { account: false, contact: false, activity: false };

  /** li clips a card with a contact and a visit and syncs it. */
  const liCard = async (name: string) => {
    const { db: liDb, env } = devices.li as { db: LeadcardDb; env: StoreEnv };
    const { id: account } = await saveLocal(liDb, env, 'account', null, newAccountFields({ name }));
    const { id: contact } = await saveLocal(
      liDb,
      env,
      'contact',
      null,
      newContactFields({ accountId: account, name: '钱经理' }),
    );
    const { id: activity } = await saveLocal(
      liDb,
      env,
      'activity',
      null,
      newActivityFields({ accountId: account, type: 'visit', at: team.now(), by: 'li', summary: '面访' }),
    );
    await sync('li');
    return { account, contact, activity };
  };

  it('assigned to another rep: the old owner’s copy goes, the new one gets it all, and it comes back when assigned back', async () => {
    const card = await liCard('无锡华光电子有限公司');
    expect(await held('li', card)).toEqual(all);
    await sync('wang');
    expect(await held('wang', card)).toEqual(none);

    await post('boss', `accounts/${card.account}/assign`, { to: 'wang' });
    await sync('li');
    await sync('wang');
    expect(await held('li', card)).toEqual(none);
    expect(await held('wang', card)).toEqual(all);
    expect(await db('li').outbox.count()).toBe(0);

    await post('boss', `accounts/${card.account}/assign`, { to: 'li' });
    await sync('li');
    await sync('wang');
    expect(await held('li', card)).toEqual(all);
    expect((await db('li').accounts.get(card.account))?.fields.owner).toBe('li');
    expect(await held('wang', card)).toEqual(none);
    // The manager of the team saw it all along and still does.
    await sync('boss');
    expect(await held('boss', card)).toEqual(all);
  });

  it('shared with a rep of another team, then unshared: their copy goes', async () => {
    const card = await liCard('常州新材料科技有限公司');
    await post('li', `accounts/${card.account}/share`, { users: ['zhou'] });
    await sync('zhou');
    expect(await held('zhou', card)).toEqual(all);
    await post('li', `accounts/${card.account}/share`, { users: [] });
    await sync('zhou');
    expect(await held('zhou', card)).toEqual(none);
    await sync('li');
    expect(await held('li', card)).toEqual(all);
  });

  it('released to the pool of the rep’s own team: still theirs to see, no tombstone', async () => {
    const card = await liCard('南通远洋物流有限公司');
    await post('li', `accounts/${card.account}/release`, {});
    await sync('li');
    await sync('wang');
    expect(await held('li', card)).toEqual(all);
    expect(await held('wang', card)).toEqual(all);
    expect((await db('li').accounts.get(card.account))?.fields.owner).toBeNull();
  });

  it('a rep moved to another team loses the old team’s pool, and gets it back when moved back', async () => {
    const card = await liCard('扬州精工机械有限公司');
    await post('li', `accounts/${card.account}/release`, {});
    await sync('wang');
    expect(await held('wang', card)).toEqual(all);

    await post('root', 'users/wang/team', { team: 'west', role: 'rep' });
    await sync('wang');
    expect(await held('wang', card)).toEqual(none);

    await post('root', 'users/wang/team', { team: 'east', role: 'rep' });
    await sync('wang');
    expect(await held('wang', card)).toEqual(all);
  });

  it('a device pulling one change at a time through all these tombstones ends with the same records', async () => {
    await sync('li');
    const fresh = team.device('access-loss-li-paged');
    await syncOnce(fresh, sessions.li as Session, { fetch, env: testEnv(Date.now(), 1, 999), pullLimit: 1 });
    const ids = async (store: LeadcardDb) =>
      [
        ...(await store.accounts.toCollection().primaryKeys()),
        ...(await store.contacts.toCollection().primaryKeys()),
        ...(await store.activities.toCollection().primaryKeys()),
      ].sort();
    expect(await ids(fresh)).toEqual(await ids(db('li')));
    expect((await ids(fresh)).length).toBeGreaterThan(0);
  });

  it('a queued edit to a card assigned away is refused by name, the card still goes, and discarding it syncs again', async () => {
    const card = await liCard('镇江港务设备有限公司');
    const { db: liDb, env } = devices.li as { db: LeadcardDb; env: StoreEnv };
    await saveLocal(liDb, env, 'contact', card.contact, { title: '采购总监' });
    await post('boss', `accounts/${card.account}/assign`, { to: 'wang' });

    const refused = await sync('li').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefusedChangeError);
    const error = refused as RefusedChangeError;
    expect(error.status).toBe(403);
    expect(error.card).toBe('镇江港务设备有限公司');
    expect(error.entity).toBe('contact');
    // The pull still ran: the card is gone, and the queued edit did not bring it back.
    expect(await held('li', card)).toEqual(none);
    expect(await liDb.outbox.count()).toBe(1);

    expect(await discardQueuedChange(liDb, error.seq, team.now())).toBe(true);
    await sync('li');
    expect(await held('li', card)).toEqual(none);
    expect(await liDb.outbox.count()).toBe(0);
    await sync('wang');
    expect((await db('wang').contacts.get(card.contact))?.fields.title).not.toBe('采购总监');
  });
});
