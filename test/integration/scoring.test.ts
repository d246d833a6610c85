import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { makeAccount, makeContact, makeId } from '../factories/entities';
import { runCli } from '../support/cli';
import { type RunningServer, startRealServer } from '../support/server';

const clientId = '0193a000-0000-7000-8000-00000000a5c0';
const hlc = (ms: number) => encodeHlc({ wall: ms, counter: 0, node: 'itest' });

async function api(server: RunningServer, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('scoring on the real server (leadcard serve on 127.0.0.1)', () => {
  let server: RunningServer;
  let dataDir: string;
  const tokens: Record<string, string> = {};
  const accounts = Array.from({ length: 12 }, () => makeId());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leadcard-scoring-'));
    server = await startRealServer({ dataDir });
    const password = /created the admin "admin" with the password (\S+)/.exec(server.output())?.[1];
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password, device: 'extension' }),
    });
    tokens.admin = ((await login.json()) as { token: string }).token;
    for (const [name, role] of [
      ['alice', 'rep'],
      ['mia', 'manager'],
    ] as const) {
      const added = await runCli(
        ['user', 'add', name, '--role', role, '--team', 'east', '--password-stdin', '--data', dataDir],
        'a long password\n',
      );
      expect(added.code).toBe(0);
      tokens[name] = (await runCli(['token', 'create', name, '--data', dataDir])).stdout.trim();
    }
  }, 60_000);
  afterAll(() => server?.stop());

  it('grades a pushed account in the push: the next GET and pull carry the grades of rule version 1', async () => {
    const push = await api(server, tokens.alice as string, 'POST', '/api/v1/sync/push', {
      clientId,
      mutations: [
        ...accounts.map((id, i) => ({
          seq: i + 1,
          hlc: hlc(i + 1),
          entity: 'account',
          id,
          op: 'upsert',
          fields: makeAccount(),
        })),
        {
          seq: accounts.length + 1,
          hlc: hlc(100),
          entity: 'contact',
          id: makeId(),
          op: 'upsert',
          fields: makeContact({ accountId: accounts[0] as string, title: '总经理' }),
        },
      ],
    });
    expect(push).toEqual({ status: 200, body: { ackedSeq: accounts.length + 1 } });
    const card = await api(server, tokens.alice as string, 'GET', `/api/v1/accounts/${accounts[0]}`);
    const other = await api(server, tokens.alice as string, 'GET', `/api/v1/accounts/${accounts[1]}`);
    expect(card.body.grades).toMatchObject({ qualification: 'A', ruleVersion: 1 });
    // The 总经理 contact's 15 title points are in the same response cycle's grades.
    expect(card.body.grades.score.value).toBe(other.body.grades.score.value + 15);
    const pulled = await api(server, tokens.alice as string, 'GET', '/api/v1/sync/pull?since=0');
    const mine = pulled.body.changes.find((c: { id: string }) => c.id === accounts[0]);
    expect(mine.fields.grades).toEqual(card.body.grades);
  });

  it('lets neither a rep nor a manager change the rules, and names the bad field of invalid rules', async () => {
    const rules = { ...DEFAULT_RULES, abc: { aPercent: 90, bPercent: 85 } };
    for (const name of ['alice', 'mia'])
      expect((await api(server, tokens[name] as string, 'PUT', '/api/v1/rules', { rules })).status).toBe(403);
    const invalid = await api(server, tokens.admin as string, 'PUT', '/api/v1/rules', { rules });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'invalid-rules', field: 'rules.abc.bPercent' });
  });

  it('re-scores everything after a rule change; the progress endpoint reaches done = total; it survives a restart', async () => {
    const before = await api(server, tokens.alice as string, 'GET', `/api/v1/accounts/${accounts[1]}`);
    const value = before.body.grades.score.value as number;
    const rules = { ...DEFAULT_RULES, leadScore: { ...DEFAULT_RULES.leadScore, bands: { hot: value, warm: 1 } } };
    const put = await api(server, tokens.admin as string, 'PUT', '/api/v1/rules', { rules, basedOn: 1 });
    expect(put.status).toBe(201);
    expect(put.body.document).toMatchObject({ version: 2, createdBy: 'admin' });
    await expect
      .poll(async () => (await api(server, tokens.alice as string, 'GET', '/api/v1/rules/rescore')).body, {
        timeout: 10_000,
      })
      .toEqual({ version: 2, done: accounts.length, total: accounts.length, running: false });
    const pulled = await api(server, tokens.alice as string, 'GET', '/api/v1/sync/pull?since=0');
    const graded = pulled.body.changes.filter((c: { entity: string }) => c.entity === 'account');
    expect(graded).toHaveLength(accounts.length);
    for (const change of graded) expect(change.fields.grades).toMatchObject({ ruleVersion: 2, score: { band: 'hot' } });
    const diff = await api(server, tokens.mia as string, 'GET', '/api/v1/rules/1/diff/2');
    expect(diff.body.changes).toEqual([
      { path: 'leadScore.bands.hot', from: 70, to: value },
      { path: 'leadScore.bands.warm', from: 40, to: 1 },
    ]);
    await server.stop();
    // The server logs no personal data: no company or contact name, no email, in its whole output.
    expect(server.output()).not.toMatch(/腾达|张三|tengda/);
    server = await startRealServer({ dataDir });
    const listed = await api(server, tokens.alice as string, 'GET', '/api/v1/rules');
    expect(listed.body.current.version).toBe(2);
    expect(listed.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
  }, 30_000);
});
