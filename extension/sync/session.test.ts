import { describe, expect, it } from 'vitest';
import { ServerError } from './server-error';
import {
  hostPermissionOf,
  type KeyValueStorage,
  loadSession,
  type Session,
  saveSession,
  serverUrlOf,
  sessionWithFreshRole,
  signIn,
} from './session';

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

  it('learns the role and team the server answers, so the popup knows a manager (a stage-gate override)', async () => {
    const fetchFn = answer(200, { token: 'lc_m', user: { name: 'boss', role: 'manager', team: 'east' } });
    const session = await signIn(fetchFn, 'http://127.0.0.1:8787', 'boss', 'pw', '2026-11-22T00:00:00Z');
    expect(session).toMatchObject({ name: 'boss', role: 'manager', team: 'east' });
  });

  it('a session kept before roles were learnt still loads, as a rep would (no override offered)', async () => {
    const map = new Map<string, unknown>([
      ['leadcard.session', { serverUrl: 'http://x.cn', name: 'li', token: 't', signedInAt: '', version: 1 }],
    ]);
    const storage: KeyValueStorage = {
      get: async (key) => (map.has(key) ? { [key]: map.get(key) } : {}),
      set: async () => {},
      remove: async () => {},
    };
    const session = await loadSession(storage);
    expect(session?.token).toBe('t');
    expect(session?.role).toBeUndefined();
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

describe('sessionWithFreshRole', () => {
  const kept: Session = { serverUrl: 'http://127.0.0.1:8787', name: 'boss', token: 'lc_b', signedInAt: '', version: 1 };
  function memory(initial: Session) {
    const map = new Map<string, unknown>([['leadcard.session', initial]]);
    const storage: KeyValueStorage = {
      get: async (key) => (map.has(key) ? { [key]: map.get(key) } : {}),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) map.set(k, v);
      },
      remove: async (key) => {
        map.delete(key);
      },
    };
    return { map, storage };
  }
  const answering = (respond: () => Response) => {
    const urls: string[] = [];
    const fn = (async (url: string, init: RequestInit) => {
      urls.push(`${url} ${new Headers(init.headers).get('authorization')}`);
      return respond();
    }) as unknown as typeof fetch;
    return { fn, urls };
  };

  it('a session kept without a role learns it from GET /api/v1/auth/me and is saved', async () => {
    const { map, storage } = memory(kept);
    const { fn, urls } = answering(
      () => new Response(JSON.stringify({ user: { name: 'boss', role: 'manager', team: 'east' } })),
    );
    const fresh = await sessionWithFreshRole(fn, storage, kept);
    expect(urls).toEqual(['http://127.0.0.1:8787/api/v1/auth/me Bearer lc_b']);
    expect(fresh).toMatchObject({ role: 'manager', team: 'east', token: 'lc_b' });
    expect(map.get('leadcard.session')).toEqual(fresh);
  });

  it('nothing changes when the role is the same, the server is away, or the rep signed in again meanwhile', async () => {
    const manager = { ...kept, role: 'manager' as const, team: 'east' };
    const same = answering(
      () => new Response(JSON.stringify({ user: { name: 'boss', role: 'manager', team: 'east' } })),
    );
    expect(await sessionWithFreshRole(same.fn, memory(manager).storage, manager)).toBeNull();
    const away = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await sessionWithFreshRole(away, memory(manager).storage, manager)).toBeNull();
    const demoted = answering(
      () => new Response(JSON.stringify({ user: { name: 'boss', role: 'rep', team: 'east' } })),
    );
    const other = memory({ ...manager, token: 'lc_other' });
    expect(await sessionWithFreshRole(demoted.fn, other.storage, manager)).toBeNull();
    expect(other.map.get('leadcard.session')).toMatchObject({ token: 'lc_other', role: 'manager' });
  });

  it('a demoted manager loses the override at the next popup', async () => {
    const manager = { ...kept, role: 'manager' as const, team: 'east' };
    const { storage } = memory(manager);
    const demoted = answering(
      () => new Response(JSON.stringify({ user: { name: 'boss', role: 'rep', team: 'east' } })),
    );
    expect(await sessionWithFreshRole(demoted.fn, storage, manager)).toMatchObject({ role: 'rep' });
    expect((await loadSession(storage))?.role).toBe('rep');
  });
});
