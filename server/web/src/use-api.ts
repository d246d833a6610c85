import { useEffect, useState } from 'preact/hooks';
import { api } from './api';

export type Loaded<T> = { data: T | null; error: string | null; loading: boolean };

/** Loads `path` whenever it (or `nonce`: a reload after a change) changes; a newer load wins over an older one. */
export function useApi<T>(path: string, nonce = 0): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api<T>(path).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState({ data: null, error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, nonce]);
  return state;
}
