import { entityTables, type LeadcardDb, type StoredRecord } from './db';
import { storedRecord } from './local-change';
import { META, readMeta, writeMeta } from './meta';

/**
 * Drops one queued change the server refused (say, a card another rep now owns), so the rest can sync:
 * the later changes move down (seqs stay contiguous, DESIGN §9) and the record goes back to the server's
 * state with the remaining queued changes on top (a record only ever created here disappears). All in one
 * transaction. Returns false when there is no such change.
 *
 * When the refusal was for a card the rep lost (a 403: the sync state lists the card's records, see
 * sync/sync-client.ts), the other queued changes to that card's records that the pull has since removed from
 * this browser go with it: the server would refuse each of them in turn, one discard at a time.
 */
export async function discardQueuedChange(db: LeadcardDb, seq: number, nowIso: string): Promise<boolean> {
  const tables = Object.values(entityTables).map((name) => db.table<StoredRecord, string>(name));
  return db.transaction('rw', [...tables, db.outbox, db.meta, db.clocks], async () => {
    const refused = await db.outbox.get(seq);
    if (!refused) return false;
    const dropped = new Set([seq]);
    for (const m of await lostCardChanges(db, seq)) dropped.add(m);
    const later = (await db.outbox.where('seq').above(seq).toArray()).filter((m) => !dropped.has(m.seq));
    await db.outbox.where('seq').aboveOrEqual(seq).delete();
    await db.outbox.bulkAdd(later.map((m, i) => ({ ...m, seq: seq + i })));
    await writeMeta(db, META.nextSeq, (await readMeta<number>(db, META.nextSeq, seq + 1)) - dropped.size);

    const table = db.tableOf(refused.entity);
    const record = await table.get(refused.id);
    if (!record) return true; // a refused delete: the record stays gone here until the server sends it again
    const remaining = (await db.outbox.where('[entity+id]').equals([refused.entity, refused.id]).sortBy('seq')).filter(
      (m) => m.op === 'upsert',
    );
    if (record.base === undefined) return true;
    if (record.base === null && remaining.length === 0) {
      await table.delete(refused.id);
      await db.clocks.delete([refused.entity, refused.id]);
      return true;
    }
    const fields: Record<string, unknown> = { ...(record.base ?? {}) };
    for (const m of remaining) Object.assign(fields, m.fields);
    await table.put({
      ...storedRecord(refused.entity, refused.id, fields, nowIso),
      ...(remaining.length > 0 ? { base: record.base } : {}),
    });
    return true;
  });
}

/** Seqs of the queued changes to records of the lost card refused at `seq` that this browser no longer holds. */
async function lostCardChanges(db: LeadcardDb, seq: number): Promise<number[]> {
  const state = await readMeta<{ refusedSeq?: number | null; refusedRecords?: string[] | null } | null>(
    db,
    META.syncState,
    null,
  );
  if (state?.refusedSeq !== seq || !state.refusedRecords?.length) return [];
  const records = new Set(state.refusedRecords);
  const out: number[] = [];
  for (const m of await db.outbox.where('seq').above(seq).toArray())
    if (records.has(`${m.entity}/${m.id}`) && !(await db.tableOf(m.entity).get(m.id))) out.push(m.seq);
  return out;
}
