import Dexie from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import type { LeadcardDb } from '../store/db';

/** The parts Dexie reports a write to: `idb://<database>/<table>/<index>` (one key per touched index). */
type ChangedParts = Record<string, unknown>;

/** Whether a `storagemutated` report touches one of `tables` of the database `dbName`. */
export function touchesTables(parts: ChangedParts, dbName: string, tables: readonly string[]): boolean {
  const prefixes = tables.map((table) => `idb://${dbName}/${table}/`);
  return Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)));
}

/**
 * The value of a store read, read again whenever one of `tables` changes — here or in the background's sync:
 * Dexie reports every committed write as `storagemutated` and relays it between the extension's pages and its
 * service worker (BroadcastChannel). Unlike `liveQuery` (use-live.ts), this event also fires under
 * fake-indexeddb, so a component built on it can be tested to update without being opened again.
 */
export function useStored<T>(
  db: LeadcardDb,
  tables: readonly string[],
  read: () => Promise<T>,
  deps: readonly unknown[],
  initial: T,
): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let live = true;
    // Reads may overlap when writes come in bursts: only the latest read may set the value.
    let latest = 0;
    const reread = () => {
      const mine = ++latest;
      read().then(
        (next) => live && mine === latest && setValue(() => next),
        (error) => console.error('leadcard: store read failed', error),
      );
    };
    const onChange = (parts: ChangedParts) => {
      if (touchesTables(parts, db.name, tables)) reread();
    };
    Dexie.on('storagemutated', onChange);
    reread();
    return () => {
      live = false;
      Dexie.on('storagemutated').unsubscribe(onChange);
    };
  }, [db, ...deps]);
  return value;
}
