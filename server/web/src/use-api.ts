import { useEffect, useState } from 'preact/hooks';
import { api } from './api';

export type Loaded<T> = { data: T | null; error: string | null; loading: boolean };

/** Loads `path` whenever it changes; a newer path wins over a slower older answer. */
export function useApi<T>(path: string): Loaded<T> {
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
  }, [path]);
  return state;
}
