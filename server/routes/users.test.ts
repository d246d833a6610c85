import { beforeAll, describe, expect, it } from 'vitest';
import { type Json, makeTestApp, type TestApp } from '../../test/support/app';

describe('/api/v1/users (admin only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });

  it.each([
    ['alice', 'GET', '/api/v1/users'],
    ['mia', 'GET', '/api/v1/users'],
    ['mia', 'POST', '/api/v1/users'],
    ['alice', 'POST', '/api/v1/users/carol/disable'],
    ['mia', 'POST', '/api/v1/users/carol/password'],
    ['mia', 'POST', '/api/v1/users/carol/revoke-devices'],
  ])('%s gets 403 for %s %s', async (who, method, path) => {
    const res = await t.call(
      who,
      method,
      path,
      method === 'POST' ? { name: 'x1', role: 'rep', team: 'east' } : undefined,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('answers 401 without credentials', async () => {
    expect((await t.call(null, 'GET', '/api/v1/users')).status).toBe(401);
  });

  it('lists users with role, team, state and live devices', async () => {
    const res = await t.call('admin', 'GET', '/api/v1/users');
    expect(res.status).toBe(200);
    const alice = res.body.users.find((u: Json) => u.name === 'alice');
    expect(alice).toMatchObject({ role: 'rep', team: 'east', disabled: false, devices: 1 });
    expect(res.body.teams).toEqual(['east', 'west']);
  });

  it('lists every team for the team field, empty ones too (teams administration)', async () => {
    expect((await t.call('admin', 'POST', '/api/v1/teams', { name: 'north' })).status).toBe(201);
    expect((await t.call('admin', 'GET', '/api/v1/users')).body.teams).toEqual(['east', 'north', 'west']);
    expect((await t.call('admin', 'DELETE', '/api/v1/teams/north')).status).toBe(200);
  });

  it.each([
    [{ name: 'bad name!', role: 'rep', team: 'east' }, 'name'],
    [{ name: 'nina', role: 'rep' }, 'team'],
    [{ name: 'nina', role: 'boss', team: 'east' }, 'role'],
    [{ name: 'nina', role: 'rep', team: 'east', extra: 1 }, ''],
  ])('refuses a bad new user %j naming the field', async (body, field) => {
    const res = await t.call('admin', 'POST', '/api/v1/users', body);
    expect(res.status).toBe(400);
    if (field) expect(res.body.error.field).toBe(field);
  });

  it('adds a user with a generated password (once), refuses a duplicate name', async () => {
    const res = await t.call('admin', 'POST', '/api/v1/users', { name: '张伟', role: 'rep', team: 'east' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ name: '张伟', role: 'rep', team: 'east' });
    expect(res.body.password).toMatch(/^[A-Za-z2-9]{20}$/);
    const again = await t.call('admin', 'POST', '/api/v1/users', { name: '张伟', role: 'manager', team: 'west' });
    expect(again.status).toBe(409);
    const list = await t.call('admin', 'GET', '/api/v1/users');
    expect(JSON.stringify(list.body)).not.toContain(res.body.password);
    // The password works; once the user is disabled it does not (the same answer as a wrong password).
    const login = { name: '张伟', password: res.body.password, device: 'extension' };
    expect((await t.call(null, 'POST', '/api/v1/auth/login', login)).status).toBe(200);
    await t.call('admin', 'POST', `/api/v1/users/${encodeURIComponent('张伟')}/disable`);
    const refused = await t.call(null, 'POST', '/api/v1/auth/login', login);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('bad-credentials');
  });

  it('disables a user (their tokens stop working), enables them again, never oneself', async () => {
    expect((await t.call('carol', 'GET', '/api/v1/reports/me')).status).toBe(200);
    const off = await t.call('admin', 'POST', '/api/v1/users/carol/disable');
    expect(off.body).toEqual({ name: 'carol', disabled: true });
    expect((await t.call('carol', 'GET', '/api/v1/reports/me')).status).toBe(401);
    const list = await t.call('admin', 'GET', '/api/v1/users');
    expect(list.body.users.find((u: Json) => u.name === 'carol')).toMatchObject({ disabled: true, devices: 0 });
    expect((await t.call('admin', 'POST', '/api/v1/users/carol/enable')).body).toEqual({
      name: 'carol',
      disabled: false,
    });
    expect((await t.call('admin', 'POST', '/api/v1/users/admin/disable')).status).toBe(409);
    expect((await t.call('admin', 'POST', '/api/v1/users/nobody/disable')).status).toBe(404);
  });

  it('resets a password (shown once) and revokes a user’s devices', async () => {
    const reset = await t.call('admin', 'POST', '/api/v1/users/dave/password');
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect((await t.call('dave', 'GET', '/api/v1/reports/me')).status).toBe(200);
    const revoked = await t.call('admin', 'POST', '/api/v1/users/dave/revoke-devices');
    expect(revoked.body).toEqual({ name: 'dave', revoked: 1 });
    expect((await t.call('dave', 'GET', '/api/v1/reports/me')).status).toBe(401);
  });
});
