import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { LeadcardDb } from './db';
import type { StoreEnv } from './meta';

/** A store on a fresh in-memory IndexedDB (fake-indexeddb), for unit tests only. */
export function openTestDb(name = 'leadcard-test', indexedDB: IDBFactory = new IDBFactory()): LeadcardDb {
  return new LeadcardDb(name, { indexedDB, IDBKeyRange });
}

/** A clock that starts at `start` and moves `stepMs` each reading, and seeded randomness (xorshift). */
export function testEnv(start = Date.parse('2026-11-22T09:00:00Z'), stepMs = 1, seed = 42): StoreEnv {
  let time = start;
  let state = seed >>> 0 || 1;
  return {
    now: () => {
      time += stepMs;
      return time;
    },
    randomBytes: (length) => {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        bytes[i] = state & 0xff;
      }
      return bytes;
    },
  };
}
