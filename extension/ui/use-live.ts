import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** The value of a Dexie query, kept current as the store changes (here, in the background's sync, or elsewhere). */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (error) => console.error('leadcard: live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
