import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchOpenMessage } from './open-message-watcher';

// linkedom's DOM with its MutationObserver; vitest's fake clock drives both the watcher's timers and Date.now().
let document: Document;
let stop: () => void = () => undefined;
beforeEach(() => {
  vi.useFakeTimers();
  const page = parseHTML('<html><body><main><h3 id="sender" data-id="m1">Li Lei</h3></main></body></html>');
  document = page.document as unknown as Document;
  vi.stubGlobal('MutationObserver', page.window.MutationObserver);
});
afterEach(() => {
  stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const timers = {
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms) as unknown as number,
  clearTimeout: (id: number) => clearTimeout(id),
};
const flush = async () => {
  // Lets linkedom deliver its mutation records (a microtask) before the clock moves.
  await Promise.resolve();
  await Promise.resolve();
};

function watch(
  onChange = vi.fn(),
  read = vi.fn(() => document.getElementById('sender')?.getAttribute('data-id') ?? null),
) {
  stop = watchOpenMessage<string>({
    root: document.body,
    read,
    key: (id) => id,
    onChange,
    timers,
    debounceMs: 150,
    maxWaitMs: 1000,
  });
  return { onChange, read };
}

describe('watchOpenMessage', () => {
  it('reads once at start, then again only after the page has been quiet for the debounce time', async () => {
    const { onChange, read } = watch();
    await vi.advanceTimersByTimeAsync(150);
    expect(onChange).toHaveBeenCalledWith('m1');
    expect(read).toHaveBeenCalledTimes(1);

    document.getElementById('sender')!.setAttribute('data-id', 'm2');
    document.body.append(document.createElement('div'));
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    document.body.append(document.createElement('div'));
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(read).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith('m2');
  });

  it('is bounded on a page that never stops changing: one read per max wait, and no repeat for the same message', async () => {
    const { onChange, read } = watch();
    await vi.advanceTimersByTimeAsync(150);
    const ticker = document.createElement('span');
    document.body.append(ticker);
    for (let t = 0; t < 3000; t += 50) {
      ticker.textContent = String(t);
      ticker.append(document.createElement('i'));
      await flush();
      await vi.advanceTimersByTimeAsync(50);
    }
    // 3 s of mutations every 50 ms: about three reads (one per second), not sixty.
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(read.mock.calls.length).toBeLessThanOrEqual(5);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('says when the message closes, and stops observing when stopped', async () => {
    const { onChange, read } = watch();
    await vi.advanceTimersByTimeAsync(150);
    document.getElementById('sender')!.remove();
    await flush();
    await vi.advanceTimersByTimeAsync(150);
    expect(onChange).toHaveBeenLastCalledWith(null);
    stop();
    const calls = read.mock.calls.length;
    document.body.append(document.createElement('div'));
    await flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(read).toHaveBeenCalledTimes(calls);
  });
});
