import { useEffect, useState } from 'preact/hooks';
import { apiWhenReady, type Warming } from './api';

/** A request's state; `warming` while the server answers that its reports are still being prepared (503). */
export type Loaded<T> = { data: T | null; error: string | null; loading: boolean; warming?: Warming | null };

/**
 * Loads `path` whenever it (or `nonce`: a reload after a change) changes; a newer load wins over an older one.
 * While the server's reports warm up after a start, asks again as it says and reports the progress meanwhile.
 */
export function useApi<T>(path: string, nonce = 0): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    const stop = new AbortController();
    const current = () => !stop.signal.aborted;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    apiWhenReady<T>(path, {
      signal: stop.signal,
      onWarming: (warming) => current() && setState({ data: null, error: null, loading: true, warming }),
    }).then(
      (data) => current() && setState({ data, error: null, loading: false, warming: null }),
      (error: Error) => current() && setState({ data: null, error: error.message, loading: false, warming: null }),
    );
    return () => stop.abort();
  }, [path, nonce]);
  return state;
}
