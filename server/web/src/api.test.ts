import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiWhenReady } from './api';

const warmingUp = (done: number, total: number, retryAfter?: string) =>
  new Response(
    JSON.stringify({
      error: { code: 'warming-up', message: `reports are being prepared`, field: null },
      progress: { done, total },
    }),
    { status: 503, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } },
  );
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

/** A fake fetch answering the given responses in turn, recording the paths asked. */
function fakeFetch(...answers: Response[]) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (path: string) => {
    asked.push(path);
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiWhenReady', () => {
  it('reports the progress of a warming-up answer and asks again after Retry-After until the data comes', async () => {
    const asked = fakeFetch(warmingUp(1, 4, '3'), warmingUp(3, 4), ok({ count: 7 }));
    const waits: number[] = [];
    const warming: number[] = [];
    const data = await apiWhenReady<{ count: number }>('/api/v1/reports/pipeline', {
      onWarming: (w) => warming.push(w.percent),
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    expect(data).toEqual({ count: 7 });
    expect(asked).toEqual(['/api/v1/reports/pipeline', '/api/v1/reports/pipeline', '/api/v1/reports/pipeline']);
    expect(warming).toEqual([25, 75]);
    expect(waits).toEqual([3000, 2000]); // the header's 3 s, then the default 2 s where none was sent
  });

  it('shows 0% while the total is unknown and never 100% before the data', async () => {
    fakeFetch(warmingUp(0, 0, '2'), warmingUp(9, 9, '2'), ok([]));
    const warming: number[] = [];
    await apiWhenReady('/x', { onWarming: (w) => warming.push(w.percent), wait: async () => {} });
    expect(warming).toEqual([0, 99]);
  });

  it('does not retry other errors, 503s included', async () => {
    const unavailable = new Response(JSON.stringify({ error: { code: 'unavailable', message: 'down' } }), {
      status: 503,
    });
    const asked = fakeFetch(unavailable);
    const onWarming = vi.fn();
    const failure = apiWhenReady('/x', { onWarming, wait: async () => {} });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 503, code: 'unavailable', message: 'down' });
    expect(asked).toHaveLength(1);
    expect(onWarming).not.toHaveBeenCalled();
  });

  it('stops asking once its caller is gone (the view changed while waiting)', async () => {
    const asked = fakeFetch(warmingUp(1, 2, '2'), ok('too late'));
    const stop = new AbortController();
    const failure = apiWhenReady('/x', {
      onWarming: () => {},
      signal: stop.signal,
      wait: async () => stop.abort(),
    });
    await expect(failure).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked).toHaveLength(1);
  });
});
