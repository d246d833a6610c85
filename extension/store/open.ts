import { LeadcardDb } from './db';

let shared: LeadcardDb | null = null;

/** The store of this extension page or worker, opened on first use (never at import: entrypoints stay inert). */
export function storeDb(): LeadcardDb {
  shared ??= new LeadcardDb();
  return shared;
}

/** Erases every card, the outbox and the sync state of this browser (sign-out with "erase"), and starts afresh. */
export async function eraseStore(): Promise<void> {
  const db = storeDb();
  await db.delete();
  shared = null;
  await storeDb().open();
}
