import { describe, expect, it } from 'vitest';
import { ServerError } from '../sync/server-error';
import { overrideFailureText, overrideStageOnServer } from './stage-override';

const session = { serverUrl: 'http://127.0.0.1:8787', token: 'lc_boss' };

describe('overrideStageOnServer', () => {
  it('asks the server to move the stage with the reason, as the signed-in device', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ id: 'o1', stage: 'proposal' }));
    }) as unknown as typeof fetch;
    await overrideStageOnServer(fetchFn, session, {
      opportunityId: 'o 1',
      stage: 'proposal',
      reason: '客户高层已拍板',
    });
    expect(calls[0]?.url).toBe('http://127.0.0.1:8787/api/v1/opportunities/o%201/stage');
    expect(calls[0]?.init.method).toBe('POST');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer lc_boss');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      stage: 'proposal',
      override: { reason: '客户高层已拍板' },
    });
  });

  it('a server out of reach is an offline failure (nothing is queued for later)', async () => {
    const fetchFn = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = await overrideStageOnServer(fetchFn, session, {
      opportunityId: 'o1',
      stage: 'bidding',
      reason: 'r',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).kind).toBe('offline');
  });
});

describe('overrideFailureText', () => {
  it.each([
    [
      new ServerError('offline', 'Failed to fetch'),
      'en',
      'The server cannot be reached. A manager’s override is the server’s decision, so nothing was queued: try again when you are online.',
    ],
    [
      new ServerError('offline', 'Failed to fetch'),
      'zh-CN',
      '无法连接服务器。经理越过须由服务器裁定，因此没有排队：请联网后重试。',
    ],
    [
      new ServerError('rejected', 'no such opportunity', 404, 'id'),
      'en',
      'The server has not received this opportunity yet. Sync, then override.',
    ],
    [
      new ServerError('rejected', 'moving to proposal skips: projectInfo', 409, 'override'),
      'en',
      'The server refused the override: moving to proposal skips: projectInfo',
    ],
    [new ServerError('auth', 'unknown token', 401), 'zh-CN', '请重新登录后再越过：服务器未接受您的登录。'],
  ] as const)('%s (%s)', (error, locale, text) => {
    expect(overrideFailureText(error, locale)).toBe(text);
  });
});
