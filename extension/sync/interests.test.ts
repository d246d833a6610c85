import { afterEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import { type ClipInterest, clipInterests, recordInterest } from '../clip/save-clip';
import type { LeadcardDb } from '../store/db';
import { openTestDb, testEnv } from '../store/test-db';
import { fakeSyncServer } from './fake-sync-server';
import { interestRequestOf, sendInterests } from './interests';
import { ServerError } from './server-error';
import { syncOnce } from './sync-client';

const target = { serverUrl: 'http://127.0.0.1:8787/', token: 'token-1' };
const URL_ = 'https://www.hengtai-tech.cn/contact.html';
const candidate = (overrides: Partial<Candidate> = {}): Candidate => ({
  name: '张伟',
  title: '销售总监',
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn'],
  phones: ['+8613800138000'],
  website: 'https://www.hengtai-tech.cn/',
  address: null,
  kind: 'person',
  evidence: {},
  ...overrides,
});
const interest = (overrides: Partial<ClipInterest> = {}): ClipInterest => ({
  at: '2026-11-22T09:00:00.000Z',
  by: 'li',
  url: URL_,
  owner: '王芳',
  until: null,
  name: '张伟',
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn'],
  phones: ['+8613800138000'],
  website: 'https://www.hengtai-tech.cn/',
  ...overrides,
});

let db: LeadcardDb;
let n = 0;
afterEach(() => db?.close());

async function withInterests(...candidates: Candidate[]) {
  db = openTestDb(`interests-${n++}`);
  const env = testEnv();
  for (const c of candidates)
    await recordInterest(db, env, { candidate: c, owner: '王芳', until: null, url: URL_, by: 'li' });
  return env;
}

describe('interestRequestOf', () => {
  it.each([
    {
      case: 'a person at a company site',
      interest: interest(),
      request: {
        email: 'zhangwei@hengtai-tech.cn',
        phone: '+8613800138000',
        domain: 'hengtai-tech.cn',
        name: '深圳恒泰科技有限公司',
        url: URL_,
        note: '张伟',
      },
    },
    {
      case: 'a free-mail address and no site (no domain: the mail provider is not the customer)',
      interest: interest({ emails: ['zw@163.com'], website: null, phones: [], org: null }),
      request: { email: 'zw@163.com', url: URL_, note: '张伟' },
    },
    {
      case: 'an interest kept before the site was recorded',
      interest: (({ website: _, ...rest }) => rest)(interest({ emails: [], phones: [] })),
      request: { name: '深圳恒泰科技有限公司', url: URL_, note: '张伟' },
    },
    {
      case: 'nothing to find the card by',
      interest: interest({ emails: [], phones: [], website: null, org: null }),
      request: null,
    },
  ])('$case', ({ interest, request }) => {
    expect(interestRequestOf(interest)).toEqual(request);
  });
});

describe('sendInterests', () => {
  it('sends the pending interests at sync, oldest first, and drops them once acknowledged', async () => {
    const env = await withInterests(candidate(), candidate({ name: '李娜', emails: ['lina@hengtai-tech.cn'] }));
    const server = fakeSyncServer();
    await syncOnce(db, target, { fetch: server.fetch, env });
    expect(server.interests).toMatchObject([{ note: '张伟' }, { note: '李娜', email: 'lina@hengtai-tech.cn' }]);
    expect(await clipInterests(db)).toEqual([]);
    // Sent once: the next sync has nothing to send.
    await syncOnce(db, target, { fetch: server.fetch, env });
    expect(server.interests).toHaveLength(2);
  });

  it.each([
    { status: 404, why: 'a server without the endpoint', kept: 2 },
    { status: 429, why: 'a busy server', kept: 2 },
    { status: 503, why: 'a server that is down', kept: 2 },
    { status: 400, why: 'a refusal it can never get past', kept: 0 },
    { status: 403, why: 'a refusal it can never get past', kept: 0 },
  ])('keeps $kept of 2 interests after an answer $status ($why)', async ({ status, kept }) => {
    await withInterests(candidate(), candidate({ name: '李娜' }));
    const server = fakeSyncServer({ interestStatus: status });
    expect(await sendInterests(db, target, { fetch: server.fetch })).toBe(0);
    expect(await clipInterests(db)).toHaveLength(kept);
  });

  it('drops an interest with nothing to find the card by, without asking the server', async () => {
    await withInterests(candidate({ emails: [], phones: [], website: null, org: null, kind: 'person' }));
    const server = fakeSyncServer();
    expect(await sendInterests(db, target, { fetch: server.fetch })).toBe(0);
    expect(server.requests).toBe(0);
    expect(await clipInterests(db)).toEqual([]);
  });

  it('a refused token fails the sync and keeps the interests; offline keeps them too', async () => {
    await withInterests(candidate());
    const server = fakeSyncServer();
    const error = await sendInterests(db, { ...target, token: 'old' }, { fetch: server.fetch }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.kind).toBe('auth');
    server.online = false;
    expect(await sendInterests(db, target, { fetch: server.fetch })).toBe(0);
    expect(await clipInterests(db)).toHaveLength(1);
  });

  it('an interest recorded while one is being sent stays pending', async () => {
    const env = await withInterests(candidate());
    const server = fakeSyncServer();
    const slow: typeof fetch = async (input, init) => {
      await recordInterest(db, env, {
        candidate: candidate({ name: '王五' }),
        owner: '王芳',
        until: null,
        url: URL_,
        by: 'li',
      });
      return server.fetch(input, init);
    };
    expect(await sendInterests(db, target, { fetch: slow })).toBe(1);
    expect((await clipInterests(db)).map((i) => i.name)).toEqual(['王五']);
  });
});
