import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import { makeAccount, makeContact, makeId } from '../factories/entities';
import { runCli } from '../support/cli';
import { type RunningServer, startRealServer } from '../support/server';

const clientId = '0193a000-0000-7000-8000-00000000a001';
const hlc = (ms: number, node = 'itest') => encodeHlc({ wall: ms, counter: 0, node });

async function api(server: RunningServer, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Each CLI call starts a process (~1–5 s on a loaded 2-core machine): these tests get generous timeouts.
describe('leadcard serve: first run, CLI users and tokens, sync over loopback', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let dataDir: string;
  const tokens: Record<string, string> = {};
  let adminPassword = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leadcard-itest-'));
    server = await startRealServer({ dataDir });
    const first = /created the admin "admin" with the password (\S+)/.exec(server.output());
    adminPassword = first?.[1] ?? '';
    const add = [
      ['alice', 'rep', 'east'],
      ['carol', 'rep', 'east'],
      ['mia', 'manager', 'east'],
      ['dave', 'rep', 'west'],
    ];
    for (const [name, role, team] of add) {
      const res = await runCli(
        [
          'user',
          'add',
          name as string,
          '--role',
          role as string,
          '--team',
          team as string,
          '--password-stdin',
          '--data',
          dataDir,
        ],
        'a long password\n',
      );
      expect(res.code).toBe(0);
      const token = await runCli(['token', 'create', name as string, '--data', dataDir]);
      expect(token.code).toBe(0);
      tokens[name as string] = token.stdout.trim();
    }
  }, 180_000);
  afterAll(() => server?.stop());

  it('prints the first admin’s password once, which signs in; never again on later starts', async () => {
    expect(adminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const login = await api(server, null, 'POST', '/api/v1/auth/login', {
      name: 'admin',
      password: adminPassword,
      device: 'extension',
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ name: 'admin', role: 'admin', team: null });
    tokens.admin = login.body.token;
    // A second start on the same data creates and prints nothing.
    const fresh = await startRealServer();
    expect(fresh.output()).toMatch(/created the admin "admin" with the password/);
    await fresh.stop();
    const rerun = await startRealServer({ dataDir: fresh.dataDir });
    expect(rerun.output()).not.toContain('created the admin');
    await rerun.stop();
  });

  it('token create prints the token alone on stdout; the CLI exit codes follow §9', async () => {
    expect(tokens.alice).toMatch(/^lc_[\w-]{43}$/);
    const generated = await runCli(['user', 'add', 'erin', '--role', 'rep', '--team', 'east', '--data', dataDir]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/Password \(shown once\): [A-Za-z0-9]{20}/);
    expect((await runCli(['user', 'add', 'erin', '--role', 'rep', '--team', 'east', '--data', dataDir])).code).toBe(1);
    expect((await runCli(['user', 'add', 'x', '--role', 'boss', '--data', dataDir])).code).toBe(2);
    expect((await runCli(['token', 'create', 'nobody', '--data', dataDir])).code).toBe(1);
    const listed = await runCli(['user', 'list', '--data', dataDir]);
    expect(listed.stdout).toContain('alice\trep\teast');
  });

  it('pushes, pulls and answers lookups and the ownership check per role', async () => {
    const account = makeId();
    const contact = makeId();
    const push = await api(server, tokens.alice as string, 'POST', '/api/v1/sync/push', {
      clientId,
      mutations: [
        { seq: 1, hlc: hlc(1), entity: 'account', id: account, op: 'upsert', fields: makeAccount() },
        {
          seq: 2,
          hlc: hlc(2),
          entity: 'contact',
          id: contact,
          op: 'upsert',
          fields: makeContact({ accountId: account }),
        },
      ],
    });
    expect(push).toEqual({ status: 200, body: { ackedSeq: 2 } });
    const pulls = Object.fromEntries(
      await Promise.all(
        ['alice', 'carol', 'mia', 'dave', 'admin'].map(async (name) => [
          name,
          (await api(server, tokens[name] as string, 'GET', '/api/v1/sync/pull?since=0')).body.changes.length,
        ]),
      ),
    );
    expect(pulls).toEqual({ alice: 2, carol: 0, mia: 2, dave: 0, admin: 2 });
    expect((await api(server, tokens.dave as string, 'GET', `/api/v1/accounts/${account}`)).status).toBe(404);
    expect((await api(server, tokens.dave as string, 'GET', '/api/v1/lookup?domain=tengda.com.cn')).body).toEqual({
      cards: [],
    });
    expect(
      (await api(server, tokens.dave as string, 'GET', '/api/v1/ownership?email=zhangsan@tengda.com.cn')).body,
    ).toEqual({
      status: 'protected',
      owner: 'alice',
      until: expect.any(String),
    });
    expect((await api(server, tokens.mia as string, 'GET', `/api/v1/accounts/${account}`)).body.contacts).toHaveLength(
      1,
    );
    expect(
      (await api(server, tokens.alice as string, 'GET', '/api/v1/lookup?phone=13800138000')).body.cards[0].id,
    ).toBe(account);
  });

  it('answers errors with the §9 shape: 400, 401, 403, 404, 409, 413', async () => {
    expect((await api(server, null, 'GET', '/api/v1/sync/pull')).status).toBe(401);
    expect((await api(server, 'lc_revoked', 'GET', '/api/v1/sync/pull')).status).toBe(401);
    const bad = await api(server, tokens.alice as string, 'POST', '/api/v1/sync/push', {
      clientId: 'nope',
      mutations: [],
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid', field: 'clientId' } } });
    const gap = await api(server, tokens.alice as string, 'POST', '/api/v1/sync/push', {
      clientId,
      mutations: [{ seq: 9, hlc: hlc(9), entity: 'account', id: makeId(), op: 'upsert', fields: { name: 'x' } }],
    });
    expect(gap).toMatchObject({ status: 409, body: { error: { code: 'seq-gap' } } });
    const theirs = makeId();
    await api(server, tokens.dave as string, 'POST', '/api/v1/sync/push', {
      clientId,
      mutations: [{ seq: 1, hlc: hlc(3), entity: 'account', id: theirs, op: 'upsert', fields: { name: 'West' } }],
    });
    const forbidden = await api(server, tokens.carol as string, 'POST', '/api/v1/sync/push', {
      clientId,
      mutations: [{ seq: 1, hlc: hlc(4), entity: 'account', id: theirs, op: 'delete', fields: {} }],
    });
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: 'forbidden', field: 'mutations.0' } } });
    expect((await api(server, tokens.alice as string, 'GET', '/api/v1/nope')).body.error.code).toBe('not-found');
    const huge = await api(
      server,
      tokens.alice as string,
      'POST',
      '/api/v1/sync/push',
      `{"clientId":"${'x'.repeat(6 * 1024 * 1024)}"}`,
    );
    expect(huge.status).toBe(413);
    // The server is still up and answers.
    expect((await api(server, null, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('logs one line per request without personal data', async () => {
    await api(server, tokens.alice as string, 'GET', '/api/v1/ownership?email=secret.person@tengda.com.cn');
    const log = server.output();
    expect(log).toMatch(/GET \/api\/v1\/ownership 200 [\d.]+ms [0-9a-f-]{36}/);
    expect(log).not.toContain('secret.person');
    expect(log).not.toContain('张三');
    expect(log).not.toContain(tokens.alice);
  });

  it('backs up while serving; restore refuses a running server’s data', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'leadcard-backup-')), 'backup.db');
    const backup = await runCli(['backup', file, '--data', dataDir]);
    expect(backup.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const refused = await runCli(['restore', file, '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/stop it before restoring/);
    // Restored into a fresh folder, the backup serves the same cards.
    const copyDir = mkdtempSync(join(tmpdir(), 'leadcard-restore-'));
    expect((await runCli(['restore', file, '--data', copyDir])).code).toBe(0);
    const copy = await startRealServer({ dataDir: copyDir });
    try {
      const pulled = await api(copy, tokens.alice as string, 'GET', '/api/v1/sync/pull?since=0');
      expect(pulled.body.changes.length).toBeGreaterThanOrEqual(2);
      expect(copy.output()).not.toContain('created the admin');
    } finally {
      await copy.stop();
    }
  });
});
