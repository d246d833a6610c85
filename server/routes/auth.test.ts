import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../test/support/app';
import { hashPassword } from '../auth/secrets';

describe('POST /api/v1/auth/login', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    await t.deps.storage.createUser({
      id: randomUUID(),
      name: '张伟',
      role: 'rep',
      team: 'east',
      passwordHash: await hashPassword('correct horse battery'),
      createdAt: t.clock.now.toISOString(),
    });
  });
  const login = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('sets an HttpOnly, SameSite=Strict session cookie that authenticates the API', async () => {
    const res = await login({ name: '张伟', password: 'correct horse battery' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { name: '张伟', role: 'rep', team: 'east' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^leadcard_session=lc_[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const session = cookie.split(';')[0] as string;
    const pull = await t.app.request('/api/v1/sync/pull', { headers: { cookie: session } });
    expect(pull.status).toBe(200);
    // The session ends after 12 hours.
    t.clock.advanceDays(1);
    expect((await t.app.request('/api/v1/sync/pull', { headers: { cookie: session } })).status).toBe(401);
  });

  it('tells the extension the role and team with its device token, and again at GET /api/v1/auth/me', async () => {
    const res = await login({ name: '张伟', password: 'correct horse battery', device: 'extension' });
    const body = (await res.json()) as { token: string; user: unknown };
    expect(body.user).toEqual({ name: '张伟', role: 'rep', team: 'east' });
    const me = await t.app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${body.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: { name: '张伟', role: 'rep', team: 'east' } });
    expect((await t.app.request('/api/v1/auth/me')).status).toBe(401);
  });

  it('marks the cookie Secure over HTTPS', async () => {
    const res = await t.app.request('https://crm.example.com/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '张伟', password: 'correct horse battery' }),
    });
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('gives the extension a device token in the body, revocable by logout', async () => {
    const res = await login({ name: '张伟', password: 'correct horse battery', device: 'extension' });
    const body = (await res.json()) as { token: string };
    expect(body.token).toMatch(/^lc_[\w-]{43}$/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await t.app.request('/api/v1/sync/pull', { headers: auth })).status).toBe(200);
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: auth })).status).toBe(200);
    expect((await t.app.request('/api/v1/sync/pull', { headers: auth })).status).toBe(401);
  });

  it.each([
    [{ name: '张伟', password: 'wrong' }, 401, 'bad-credentials'],
    [{ name: 'nobody', password: 'x' }, 401, 'bad-credentials'],
    [{ name: '张伟' }, 400, 'invalid'],
    [{ name: '张伟', password: 'x', device: 'phone' }, 400, 'invalid'],
  ])('answers %j with %i', async (body, status, code) => {
    const res = await login(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('rate-limits failed logins per name (429 with Retry-After), even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login({ name: '张伟', password: `guess${i}` })).status).toBe(401);
    const limited = await login({ name: '张伟', password: 'correct horse battery' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advanceDays(1);
    expect((await login({ name: '张伟', password: 'correct horse battery' })).status).toBe(200);
  });

  it('rate-limits failed logins per address across names', async () => {
    for (let i = 0; i < 20; i++) expect((await login({ name: `user${i}`, password: 'x' })).status).toBe(401);
    expect((await login({ name: '张伟', password: 'correct horse battery' })).status).toBe(429);
  });
});
