import { uuidv7 } from '../../shared/id/uuidv7';
import type { LeadcardDb } from './db';

/** Time and randomness come in from the caller, so the store behaves the same in a test. */
export interface StoreEnv {
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
}

export const browserEnv: StoreEnv = {
  now: () => Date.now(),
  randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
};

/** Keys of the `meta` table. */
export const META = {
  clientId: 'clientId',
  nextSeq: 'nextSeq',
  lastHlc: 'lastHlc',
  cursor: 'cursor',
  syncState: 'syncState',
  unsettled: 'unsettled',
} as const;

export async function readMeta<T>(db: LeadcardDb, key: string, fallback: T): Promise<T> {
  const row = await db.meta.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function writeMeta(db: LeadcardDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** This device's client id (DESIGN §9: a UUID per device), made once and kept with the data it names. */
export async function clientIdOf(db: LeadcardDb, env: StoreEnv): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta<string | null>(db, META.clientId, null);
    if (existing) return existing;
    const id = uuidv7(env.now(), env.randomBytes);
    await writeMeta(db, META.clientId, id);
    return id;
  });
}
