/** Timers from the caller (WXT's content-script context, whose timers stop when the extension is reloaded). */
export interface WatchTimers {
  setTimeout: (run: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

export interface WatchOptions<T> {
  /** The page's root to observe (the document's body). */
  root: Node;
  /** Reads the page's current state (the open message and its sender element), or null. */
  read: () => T | null;
  /** What makes two reads the same (e.g. the message id and sender address); a change calls `onChange`. */
  key: (value: T) => string;
  /** Called with each new read, and with null when the message closes. */
  onChange: (value: T | null) => void;
  /** Called after every settled read whose key did not change (the page may have re-rendered our chip away). */
  onSame?: (value: T) => void;
  /** Mutations that are ours (placing the chip): they never schedule a read. */
  ignore?: (record: MutationRecord) => boolean;
  timers: WatchTimers;
  /** Quiet time after the last mutation before reading. */
  debounceMs?: number;
  /** A page that never stops changing (a ticking clock, an animation) is still read this often. */
  maxWaitMs?: number;
}

/**
 * Follows the open message of a single-page mail app (Gmail, Outlook on the web) through its re-renders: a
 * MutationObserver on the page, debounced (reads after `debounceMs` of quiet) and bounded (at least one read every
 * `maxWaitMs` while mutations continue, never more than one pending read, no work per mutation beyond a check).
 * Returns a function that stops watching.
 */
export function watchOpenMessage<T>(options: WatchOptions<T>): () => void {
  const { root, read, key, onChange, onSame, ignore, timers } = options;
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  let lastKey: string | null = null;
  let timer: number | null = null;
  let firstPending = 0;

  const settle = () => {
    timer = null;
    const value = read();
    const nextKey = value === null ? null : key(value);
    if (nextKey !== lastKey) {
      lastKey = nextKey;
      onChange(value);
    } else if (value !== null) onSame?.(value);
  };
  const schedule = () => {
    const now = Date.now();
    if (timer === null) firstPending = now;
    else timers.clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPending + maxWaitMs - now));
    timer = timers.setTimeout(settle, wait);
  };
  const observer = new MutationObserver((records) => {
    if (ignore && records.every(ignore)) return;
    schedule();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: false });
  schedule();
  return () => {
    observer.disconnect();
    if (timer !== null) timers.clearTimeout(timer);
  };
}
