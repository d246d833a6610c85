import { type EntityName, entityName } from '../../shared/schema/entities';
import type { LeadcardDb, OutboxEntry } from '../store/db';
import { META, writeMeta } from '../store/meta';

/**
 * Holding a clipped card back from the push until its duplicate check (查重, DESIGN §5) has run and, for a
 * colleague's customer, until the rep has decided. Pushed earlier, the copy would be on the server before the
 * rep chose "remove my copy" — a second card of a protected customer, the very 撞单 the check exists to stop.
 *
 * Seqs must stay contiguous (DESIGN §9), so the held changes cannot simply be skipped: they are moved behind the
 * others and the push stops before them. That is safe because of one invariant, kept by every function here:
 * nothing at or after the first held change has ever been sent (a card is held from the transaction that saves
 * it, and a push sends only what lies before the first held change), so renumbering those changes cannot touch
 * a seq the server may have applied.
 */

/** The account a queued change belongs to: the account itself, or a child's `accountId` (the change's or the record's). */
async function accountOf(db: LeadcardDb, change: OutboxEntry): Promise<string | null> {
  if (change.entity === 'account') return change.id;
  const fromChange = change.fields.accountId;
  if (typeof fromChange === 'string') return fromChange;
  const fromRecord = (await db.tableOf(change.entity).get(change.id))?.fields.accountId;
  return typeof fromRecord === 'string' ? fromRecord : null;
}

/** Rewrites the outbox from `fromSeq` on as `changes`, numbered contiguously (call inside a transaction). */
async function renumberFrom(db: LeadcardDb, fromSeq: number, changes: OutboxEntry[]): Promise<void> {
  await db.outbox.where('seq').aboveOrEqual(fromSeq).delete();
  await db.outbox.bulkAdd(changes.map((change, i) => ({ ...change, seq: fromSeq + i })));
  await writeMeta(db, META.nextSeq, fromSeq + changes.length);
}

/**
 * Before a push: moves the held cards' changes behind every other queued change (each group keeps its order) and
 * returns the last seq that may be pushed — everything when nothing is held. `heldAccounts` is read inside the
 * transaction, so a card clipped meanwhile cannot slip between the reading and the reordering.
 */
export async function holdBackUndecided(db: LeadcardDb, heldAccounts: () => Promise<Set<string>>): Promise<number> {
  return db.transaction('rw', [db.outbox, db.meta, ...db.entityTableList], async () => {
    const held = await heldAccounts();
    if (held.size === 0) return Number.POSITIVE_INFINITY;
    const queued = await db.outbox.orderBy('seq').toArray();
    const isHeld: boolean[] = [];
    for (const change of queued) isHeld.push(held.has((await accountOf(db, change)) ?? ''));
    const first = isHeld.indexOf(true);
    const firstSeq = queued[first]?.seq;
    if (firstSeq === undefined) return Number.POSITIVE_INFINITY;
    const tail = queued.slice(first);
    const free = tail.filter((_, i) => !isHeld[first + i]);
    if (free.length > 0) await renumberFrom(db, firstSeq, [...free, ...tail.filter((_, i) => isHeld[first + i])]);
    return firstSeq + free.length - 1;
  });
}

/**
 * "Remove my copy" of a held card: its queued changes leave the outbox (the later ones move down, seqs stay
 * contiguous) and its records leave this device, without tombstones — the server never had them, so a delete
 * would first create the copy there. Call inside a transaction over the entity tables, outbox, clocks and meta.
 * Returns the number of queued changes dropped.
 */
export async function dropHeldCard(db: LeadcardDb, accountId: string): Promise<number> {
  const queued = await db.outbox.orderBy('seq').toArray();
  const mine: boolean[] = [];
  for (const change of queued) mine.push((await accountOf(db, change)) === accountId);
  const first = mine.indexOf(true);
  const firstSeq = queued[first]?.seq;
  if (firstSeq !== undefined)
    await renumberFrom(
      db,
      firstSeq,
      queued.slice(first).filter((_, i) => !mine[first + i]),
    );
  for (const entity of entityName.options) {
    if (entity === 'account') continue;
    const ids = await db.tableOf(entity).where('accountId').equals(accountId).primaryKeys();
    await db.tableOf(entity).bulkDelete(ids);
    await db.clocks.bulkDelete(ids.map((id): [EntityName, string] => [entity, id]));
  }
  await db.tableOf('account').delete(accountId);
  await db.clocks.delete(['account', accountId]);
  return mine.filter(Boolean).length;
}
