import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRoot } from '../../../test/support/dom';
import { WordsContext, wordsFor } from './i18n';
import { Status } from './Status';
import { useApi } from './use-api';

const app = renderRoot();

/** A report view in small: one request through useApi, shown by Status. */
function Probe() {
  const state = useApi<{ count: number }>('/api/v1/reports/pipeline');
  return <Status state={state}>{(report) => <p data-testid="data">{report.count}</p>}</Status>;
}

const warmingUp = (done: number, total: number) =>
  new Response(
    JSON.stringify({
      error: { code: 'warming-up', message: 'reports are being prepared', field: null },
      progress: { done, total },
    }),
    { status: 503, headers: { 'retry-after': '2' } },
  );

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a report view while the server prepares its reports', () => {
  it.each([
    ['en', 'Preparing reports… 25%', 'Preparing reports… 50%'],
    ['zh-CN', '正在准备报表… 25%', '正在准备报表… 50%'],
  ] as const)(
    '%s: shows the progress, asks again after Retry-After, then shows the data',
    async (locale, first, second) => {
      const answers = [warmingUp(1, 4), warmingUp(2, 4), new Response(JSON.stringify({ count: 7 }), { status: 200 })];
      const fetch = vi.fn(async () => answers.shift() ?? new Response('{}', { status: 500 }));
      vi.stubGlobal('fetch', fetch);
      render(
        <WordsContext.Provider value={wordsFor(locale)}>
          <Probe />
        </WordsContext.Provider>,
        app(),
      );
      const bar = () => app().querySelector('[role=progressbar]');

      await vi.advanceTimersByTimeAsync(500); // the effect runs and the first answer arrives; its retry waits 2 s
      expect(app().querySelector('[data-testid=warming] p')?.textContent).toBe(first);
      expect(bar()?.getAttribute('aria-valuenow')).toBe('25');
      expect(fetch).toHaveBeenCalledTimes(1);

      await vi.advanceTimersByTimeAsync(2000);
      expect(app().querySelector('[data-testid=warming] p')?.textContent).toBe(second);
      expect(bar()?.getAttribute('aria-valuenow')).toBe('50');

      await vi.advanceTimersByTimeAsync(2000);
      expect(fetch).toHaveBeenCalledTimes(3);
      expect(bar()).toBeNull();
      expect(app().querySelector('[data-testid=data]')?.textContent).toBe('7');
    },
  );
});
