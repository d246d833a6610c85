import type { EntityName } from '../../shared/schema/entities';
import { entityTables, type LeadcardDb, type StoredRecord } from './db';
import { storedRecord } from './local-change';
import { META, readMeta, writeMeta } from './meta';

/** `entity/id` of records whose queued changes the server acknowledged and that are not settled yet. */
export type RecordKey = `${EntityName}/${string}`;

/** Remembers acknowledged records (call inside the transaction that drops their outbox entries). */
export async function markUnsettled(db: LeadcardDb, keys: Iterable<RecordKey>): Promise<void> {
  const current = new Set(await readMeta<RecordKey[]>(db, META.unsettled, []));
  for (const key of keys) current.add(key);
  await writeMeta(db, META.unsettled, [...current]);
}

/**
 * After a complete pull: a record whose changes were all acknowledged and that still carries a base was not
 * sent back by the server, so the server did not take its values — it returns to the server's state. With
 * pulled field HLCs (pulled-changes.ts) a losing value is replaced at pull time already; this is still needed
 * where a pull cannot tell: a server that sends no HLCs, and a field a newer tombstone dropped on the server
 * (the pulled change then has no value and no HLC for it, and the push of the older write is ignored).
 */
export async function settleAcknowledged(db: LeadcardDb, nowIso: string): Promise<number> {
  const tables = Object.values(entityTables).map((name) => db.table<StoredRecord, string>(name));
  return db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const keys = await readMeta<RecordKey[]>(db, META.unsettled, []);
    let settled = 0;
    for (const key of keys) {
      const slash = key.indexOf('/');
      const entity = key.slice(0, slash) as EntityName;
      const id = key.slice(slash + 1);
      if ((await db.outbox.where('[entity+id]').equals([entity, id]).count()) > 0) continue;
      const record = await db.tableOf(entity).get(id);
      if (!record || record.base === undefined) continue;
      // null: created here and not visible in the pull (or the server has not answered it yet): keep as is.
      await db.tableOf(entity).put(storedRecord(entity, id, record.base ?? record.fields, nowIso));
      settled++;
    }
    await writeMeta(db, META.unsettled, []);
    return settled;
  });
}
