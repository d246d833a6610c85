import { describe, expect, it } from 'vitest';
import { makeAccount, makeContact, makeId } from '../../test/factories/entities';
import { hlcAt, type Json, makeTestApp, mutations, type TestApp } from '../../test/support/app';
import type { SqliteStorage } from '../db/sqlite';

const client = '0193a000-0000-7000-8000-0000000000d3';

/** Alice (rep, east) owns 腾达 (with a contact) and 华为; 华为 goes to the east pool; dave (west) owns 西部. */
async function seed(t: TestApp) {
  const tengda = makeId();
  const zhang = makeId();
  const pooled = makeId();
  const western = makeId();
  const pushed = await t.push(
    'alice',
    client,
    mutations(1, [
      { hlc: hlcAt(1), entity: 'account', id: tengda, op: 'upsert', fields: makeAccount() },
      { hlc: hlcAt(2), entity: 'contact', id: zhang, op: 'upsert', fields: makeContact({ accountId: tengda }) },
      { hlc: hlcAt(3), entity: 'account', id: pooled, op: 'upsert', fields: makeAccount({ name: '华为技术有限公司' }) },
    ]),
  );
  expect(pushed.status).toBe(200);
  expect((await t.call('alice', 'POST', `/api/v1/accounts/${pooled}/release`, {})).status).toBe(200);
  const west = await t.push('dave', client, [
    { seq: 1, hlc: hlcAt(4), entity: 'account', id: western, op: 'upsert', fields: makeAccount({ name: '西部' }) },
  ]);
  expect(west.status).toBe(200);
  return { tengda, zhang, pooled, western };
}

/** The changes `name` pulls after `since` (following `more`). */
async function pullSince(t: TestApp, name: string, since: number): Promise<{ changes: Json[]; cursor: number }> {
  const changes: Json[] = [];
  let cursor = since;
  for (;;) {
    const res = await t.call(name, 'GET', `/api/v1/sync/pull?since=${cursor}&limit=500`);
    expect(res.status).toBe(200);
    changes.push(...res.body.changes);
    cursor = res.body.cursor;
    if (!res.body.more) return { changes, cursor };
  }
}

const teamOf = (body: Json, name: string) => body.teams.find((team: Json) => team.name === name);

describe('/api/v1/teams (admin only)', () => {
  it.each([
    ['alice', 'GET', '/api/v1/teams'],
    ['mia', 'GET', '/api/v1/teams'],
    ['mia', 'POST', '/api/v1/teams'],
    ['wendy', 'POST', '/api/v1/teams/east/rename'],
    ['mia', 'DELETE', '/api/v1/teams/east'],
    ['mia', 'POST', '/api/v1/users/alice/team'],
  ])('%s gets 403 for %s %s', async (who, method, path) => {
    const t = await makeTestApp();
    const res = await t.call(who, method, path, method === 'POST' ? { name: 'north', team: 'north' } : undefined);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await t.call('admin', 'GET', '/api/v1/teams')).body.teams.map((team: Json) => team.name)).toEqual([
      'east',
      'west',
    ]);
  });

  it('lists every team with members by role, owned accounts and the pool size', async () => {
    const t = await makeTestApp();
    await seed(t);
    const res = await t.call('admin', 'GET', '/api/v1/teams');
    expect(res.status).toBe(200);
    expect(teamOf(res.body, 'east')).toEqual({
      name: 'east',
      createdAt: expect.any(String),
      members: [
        { name: 'mia', role: 'manager', disabled: false },
        { name: 'alice', role: 'rep', disabled: false },
        { name: 'carol', role: 'rep', disabled: false },
      ],
      ownedAccounts: 1,
      pool: 1,
    });
    expect(teamOf(res.body, 'west')).toMatchObject({ ownedAccounts: 1, pool: 0 });
  });

  it.each([
    [{ name: 'bad:name' }, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(65) }, 'name'],
    [{}, 'name'],
    [{ name: 'north', extra: 1 }, ''],
  ])('refuses a bad team body %j naming the field', async (body, field) => {
    const t = await makeTestApp();
    for (const path of ['/api/v1/teams', '/api/v1/teams/east/rename']) {
      const res = await t.call('admin', 'POST', path, body);
      expect(res.status).toBe(400);
      if (field) expect(res.body.error.field).toBe(field);
    }
  });

  it('creates an empty team (listed for the user form too), refuses a taken name', async () => {
    const t = await makeTestApp();
    const res = await t.call('admin', 'POST', '/api/v1/teams', { name: '华南 sales' });
    expect(res.status).toBe(201);
    expect(teamOf((await t.call('admin', 'GET', '/api/v1/teams')).body, '华南 sales')).toMatchObject({
      members: [],
      ownedAccounts: 0,
      pool: 0,
    });
    expect((await t.call('admin', 'GET', '/api/v1/users')).body.teams).toEqual(['east', 'west', '华南 sales']);
    const again = await t.call('admin', 'POST', '/api/v1/teams', { name: 'east' });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('name');
  });

  it('renames a team: users and accounts follow, and the manager and reps pull the new name', async () => {
    const t = await makeTestApp();
    const { tengda, zhang, pooled, western } = await seed(t);
    const { cursor: mia0 } = await pullSince(t, 'mia', 0);
    const { cursor: carol0 } = await pullSince(t, 'carol', 0);
    const res = await t.call('admin', 'POST', '/api/v1/teams/east/rename', { name: '华东' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: '华东', accounts: 2 });

    const mia = await pullSince(t, 'mia', mia0);
    const renamed = mia.changes.filter((c) => c.entity === 'account');
    expect(renamed.map((c) => c.id).sort()).toEqual([tengda, pooled].sort());
    for (const change of renamed) expect(change.fields.team).toBe('华东');
    // Only the ownership changed: the children keep their versions, nobody else's cards move.
    expect(mia.changes.some((c) => c.id === zhang || c.id === western)).toBe(false);
    // A rep of the team still sees its pool, under the new name.
    const carol = await pullSince(t, 'carol', carol0);
    expect(carol.changes.map((c) => [c.id, c.fields.team])).toEqual([[pooled, '华东']]);
    expect((await t.pullAll('dave')).some((c) => c.id === tengda || c.id === pooled)).toBe(false);

    const users = (await t.call('admin', 'GET', '/api/v1/users')).body;
    expect(users.users.filter((u: Json) => u.team === '华东').map((u: Json) => u.name)).toEqual([
      'alice',
      'carol',
      'mia',
    ]);
    expect(users.teams).toEqual(['west', '华东']);
    expect((await t.call('mia', 'GET', `/api/v1/accounts/${tengda}`)).status).toBe(200);
    expect((await t.call('admin', 'POST', '/api/v1/teams/east/rename', { name: 'x' })).status).toBe(404);
    const taken = await t.call('admin', 'POST', '/api/v1/teams/west/rename', { name: '华东' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('name');
  });

  it('a rename carries the team’s shares with it', async () => {
    const t = await makeTestApp();
    const { western } = await seed(t);
    // Wendy (manager, west) shares a west card with the whole west team; then west is renamed.
    expect((await t.call('wendy', 'POST', `/api/v1/accounts/${western}/share`, { users: [], team: true })).status).toBe(
      200,
    );
    expect((await t.call('admin', 'POST', '/api/v1/teams/west/rename', { name: 'west2' })).status).toBe(200);
    const card = (await t.pullAll('wendy')).find((c) => c.id === western);
    expect(card.fields).toMatchObject({ team: 'west2', sharedWith: ['team:west2'] });
  });

  it('a rename that fails half-way changes nothing', async () => {
    const t = await makeTestApp({ log: () => {} });
    const { tengda } = await seed(t);
    const db = (t.deps.storage as unknown as SqliteStorage).db;
    // The users are renamed before the accounts: make the second step fail.
    db.exec(`CREATE TRIGGER fail_rename BEFORE UPDATE OF team ON accounts BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const before = await t.pullAll('mia');
    const res = await t.call('admin', 'POST', '/api/v1/teams/east/rename', { name: '华东' });
    expect(res.status).toBe(500);
    const teams = (await t.call('admin', 'GET', '/api/v1/teams')).body.teams;
    expect(teams.map((team: Json) => team.name)).toEqual(['east', 'west']);
    expect(teamOf({ teams }, 'east').members).toHaveLength(3);
    expect(await t.pullAll('mia')).toEqual(before);
    expect((await t.deps.storage.account(tengda))?.ownership.team).toBe('east');
  });

  it('deletes only an empty team, saying why not otherwise', async () => {
    const t = await makeTestApp();
    await seed(t);
    const busy = await t.call('admin', 'DELETE', '/api/v1/teams/east');
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'not-empty', message: expect.stringContaining('3 users and 2') });
    await t.call('admin', 'POST', '/api/v1/teams', { name: 'north' });
    expect((await t.call('admin', 'DELETE', '/api/v1/teams/north')).body).toEqual({ name: 'north', deleted: true });
    expect((await t.call('admin', 'DELETE', '/api/v1/teams/north')).status).toBe(404);
    // Users gone but a card left: still refused, by its accounts alone.
    for (const name of ['dave', 'wendy'])
      expect((await t.call('admin', 'POST', `/api/v1/users/${name}/team`, { team: 'east', role: 'rep' })).status).toBe(
        200,
      );
    const west = (await t.call('admin', 'GET', '/api/v1/teams')).body;
    expect(teamOf(west, 'west')).toMatchObject({ members: [], ownedAccounts: 0 });
    expect((await t.call('admin', 'DELETE', '/api/v1/teams/west')).status).toBe(200);
  });
});

describe('POST /api/v1/users/:name/team (admin only)', () => {
  it('moves a rep with the accounts they own: new versions and an ownership activity on each card', async () => {
    const t = await makeTestApp();
    const { tengda, zhang, pooled } = await seed(t);
    const { cursor: wendy0 } = await pullSince(t, 'wendy', 0);
    const res = await t.call('admin', 'POST', '/api/v1/users/alice/team', {
      team: 'west',
      role: 'rep',
      reason: '调往西区',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { name: 'alice', role: 'rep', team: 'west' }, from: 'east', movedAccounts: 1 });

    // West's manager now pulls the card, its contact and the move's activity; the east pool stays in east.
    const wendy = await pullSince(t, 'wendy', wendy0);
    const card = wendy.changes.find((c) => c.id === tengda);
    expect(card.fields).toMatchObject({ owner: 'alice', team: 'west' });
    expect(wendy.changes.some((c) => c.id === zhang)).toBe(true);
    expect(wendy.changes.some((c) => c.id === pooled)).toBe(false);
    const activity = wendy.changes.find((c) => c.entity === 'activity' && c.fields.accountId === tengda);
    expect(activity.fields).toMatchObject({
      type: 'ownership',
      by: 'admin',
      at: t.clock.now.toISOString(),
      body: '调往西区',
      summary: 'moved with alice from team east to team west',
    });
    expect((await t.call('wendy', 'GET', `/api/v1/accounts/${tengda}`)).status).toBe(200);
    expect((await t.call('mia', 'GET', `/api/v1/accounts/${tengda}`)).status).toBe(404);
    const teams = (await t.call('admin', 'GET', '/api/v1/teams')).body;
    expect(teamOf(teams, 'east')).toMatchObject({ ownedAccounts: 0, pool: 1 });
    expect(teamOf(teams, 'west')).toMatchObject({ ownedAccounts: 2, pool: 0 });
  });

  it('a manager moved to another team manages that team', async () => {
    const t = await makeTestApp();
    const { western, tengda } = await seed(t);
    await t.call('admin', 'POST', '/api/v1/teams', { name: 'north' });
    expect((await t.call('admin', 'POST', '/api/v1/users/mia/team', { team: 'west', role: 'manager' })).status).toBe(
      200,
    );
    // Live records only: a pull may also carry tombstones for cards the move took out of mia's sight.
    const seen = (await t.pullAll('mia')).filter((c) => !c.deleted).map((c) => c.id);
    expect(seen).toContain(western);
    expect(seen).not.toContain(tengda);
    // A rep promoted to manager in the move.
    const promoted = await t.call('admin', 'POST', '/api/v1/users/carol/team', { team: 'north', role: 'manager' });
    expect(promoted.body.user).toEqual({ name: 'carol', role: 'manager', team: 'north' });
    expect(teamOf((await t.call('admin', 'GET', '/api/v1/teams')).body, 'north').members).toEqual([
      { name: 'carol', role: 'manager', disabled: false },
    ]);
  });

  it.each([
    [{ team: 'west' }, 'role'],
    [{ team: null, role: 'rep' }, 'team'],
    [{ role: 'manager' }, 'team'],
    [{ team: 'we:st', role: 'rep' }, 'team'],
    [{ team: 'west', role: 'boss' }, 'role'],
    [{ team: 'nowhere', role: 'rep' }, 'team'],
    [{ team: 'west', role: 'rep', reason: 'x'.repeat(501) }, 'reason'],
  ])('refuses a bad move %j naming the field, moving nothing', async (body, field) => {
    const t = await makeTestApp();
    const { tengda } = await seed(t);
    const res = await t.call('admin', 'POST', '/api/v1/users/alice/team', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect((await t.deps.storage.userByName('alice'))?.team).toBe('east');
    expect((await t.deps.storage.account(tengda))?.ownership.team).toBe('east');
  });

  it('404 for an unknown user; an admin cannot demote themselves', async () => {
    const t = await makeTestApp();
    expect((await t.call('admin', 'POST', '/api/v1/users/nobody/team', { team: 'east', role: 'rep' })).status).toBe(
      404,
    );
    const self = await t.call('admin', 'POST', '/api/v1/users/admin/team', { team: 'east', role: 'manager' });
    expect(self.status).toBe(409);
    expect(self.body.error.field).toBe('role');
    // An admin may join a team and leave it again.
    expect((await t.call('admin', 'POST', '/api/v1/users/admin/team', { team: 'east', role: 'admin' })).status).toBe(
      200,
    );
    expect((await t.call('admin', 'POST', '/api/v1/users/admin/team', { team: null, role: 'admin' })).status).toBe(200);
  });
});
