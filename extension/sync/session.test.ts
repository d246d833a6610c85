import { describe, expect, it } from 'vitest';
import { ServerError } from './server-error';
import { hostPermissionOf, type KeyValueStorage, loadSession, saveSession, serverUrlOf, signIn } from './session';

describe('serverUrlOf', () => {
  it.each([
    ['https://leadcard.acme.cn', 'https://leadcard.acme.cn'],
    ['leadcard.acme.cn:8787/', 'https://leadcard.acme.cn:8787'],
    ['  http://crm.acme.cn/leadcard/  ', 'http://crm.acme.cn/leadcard'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['localhost:8787', 'http://localhost:8787'],
  ])('%s → %s', (input, expected) => {
    expect(serverUrlOf(input)).toBe(expected);
  });
  it.each([[''], ['ftp://acme.cn'], ['https://user:pw@acme.cn'], ['https://acme.cn/?x=1'], ['http://']])(
    'refuses %s',
    (input) => {
      expect(serverUrlOf(input)).toBeNull();
    },
  );
});

describe('hostPermissionOf', () => {
  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1/*'],
    ['https://crm.acme.cn/leadcard', 'https://crm.acme.cn/*'],
  ])('%s → %s', (url, pattern) => {
    expect(hostPermissionOf(url)).toBe(pattern);
  });
});

describe('signIn', () => {
  const answer = (status: number, body: unknown) =>
    (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it('keeps the device token the server gives', async () => {
    const calls: RequestInit[] = [];
    const fetchFn = (async (_: unknown, init: RequestInit) => {
      calls.push(init);
      return new Response(JSON.stringify({ token: 'lc_abc', user: { name: 'li' } }));
    }) as unknown as typeof fetch;
    const session = await signIn(fetchFn, 'http://127.0.0.1:8787', 'li', 'pw', '2026-11-22T00:00:00Z');
    expect(session).toMatchObject({ token: 'lc_abc', name: 'li', serverUrl: 'http://127.0.0.1:8787', version: 1 });
    expect(JSON.parse(String(calls[0]?.body))).toEqual({ name: 'li', password: 'pw', device: 'extension' });
  });

  it.each([
    [401, { error: { code: 'bad-credentials', message: 'unknown name or wrong password' } }, 'auth'],
    [429, { error: { code: 'rate-limited', message: 'too many failed sign-ins' } }, 'offline'],
    [200, { user: { name: 'li' } }, 'rejected'],
  ])('HTTP %i → %s', async (status, body, kind) => {
    const error = await signIn(answer(status, body), 'http://x.cn', 'li', 'pw', '').catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.kind).toBe(kind);
  });

  it('a stored session of an unknown shape is treated as signed out', async () => {
    const map = new Map<string, unknown>();
    const storage: KeyValueStorage = {
      get: async (key) => (map.has(key) ? { [key]: map.get(key) } : {}),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) map.set(k, v);
      },
      remove: async (key) => {
        map.delete(key);
      },
    };
    expect(await loadSession(storage)).toBeNull();
    await saveSession(storage, { serverUrl: 'http://x.cn', name: 'li', token: 't', signedInAt: '', version: 1 });
    expect((await loadSession(storage))?.token).toBe('t');
    map.set('leadcard.session', { token: 't' });
    expect(await loadSession(storage)).toBeNull();
  });
});
