import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/schema/candidate';
import { checkOwnership, ownershipQueries } from './ownership-check';

const candidate: Candidate = {
  name: '张伟',
  title: null,
  org: '深圳恒泰科技有限公司',
  emails: ['zhangwei@hengtai-tech.cn', 'zw@qq.com'],
  phones: ['+8613800138000'],
  website: null,
  address: null,
  kind: 'person',
  evidence: {},
};
const session = { serverUrl: 'http://127.0.0.1:8787', token: 'tok' };

/** A server that answers each query from a table (anything else: free). */
function server(answers: Record<string, unknown>, calls: string[] = []): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    calls.push(`${url.search.slice(1)} ${(init?.headers as Record<string, string> | undefined)?.authorization}`);
    const body = answers[decodeURIComponent(url.search.slice(1))] ?? { status: 'free' };
    if (typeof body === 'number') return new Response('{}', { status: body });
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

describe('ownershipQueries', () => {
  it('asks by every email, phone, the company’s own domain (not free mail) and the company name', () => {
    expect(ownershipQueries(candidate).map(decodeURIComponent)).toEqual([
      'email=zhangwei@hengtai-tech.cn',
      'email=zw@qq.com',
      'phone=+8613800138000',
      'domain=hengtai-tech.cn',
      'name=深圳恒泰科技有限公司',
    ]);
  });
});

describe('checkOwnership', () => {
  it('a colleague’s protection wins over everything else', async () => {
    const calls: string[] = [];
    const fetchFn = server(
      {
        'email=zw@qq.com': { status: 'yours', owner: 'li' },
        'domain=hengtai-tech.cn': { status: 'protected', owner: '王芳', until: '2026-12-20T00:00:00.000Z' },
      },
      calls,
    );
    expect(await checkOwnership(fetchFn, session, candidate, true)).toEqual({
      state: 'checked',
      answer: { status: 'protected', owner: '王芳', until: '2026-12-20T00:00:00.000Z' },
    });
    expect(calls).toHaveLength(5);
    expect(calls.every((c) => c.endsWith('Bearer tok'))).toBe(true);
  });

  it.each([
    [{ 'phone=+8613800138000': { status: 'pool' } }, 'pool'],
    [{ 'phone=+8613800138000': { status: 'pool' }, 'name=深圳恒泰科技有限公司': { status: 'yours' } }, 'yours'],
    [{ 'phone=+8613800138000': 400 }, 'free'],
  ])('%o → %s', async (answers, status) => {
    const check = await checkOwnership(server(answers), session, candidate, true);
    expect(check).toMatchObject({ state: 'checked', answer: { status } });
  });

  it('says when the check must wait for sync', async () => {
    const never: typeof fetch = () => Promise.reject(new Error('must not be called'));
    expect(await checkOwnership(never, null, candidate, true)).toEqual({ state: 'signed-out' });
    expect(await checkOwnership(never, session, candidate, false)).toEqual({ state: 'offline' });
    const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await checkOwnership(unreachable, session, candidate, true)).toEqual({ state: 'offline' });
    expect(await checkOwnership(server({ 'email=zw@qq.com': 500 }), session, candidate, true)).toEqual({
      state: 'failed',
      reason: 'HTTP 500',
    });
  });
});
