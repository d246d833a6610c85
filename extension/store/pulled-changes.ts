import { maxHlc } from '../../shared/hlc/hlc';
import type { Change } from '../../shared/schema/sync/pull';
import { entityTables, type LeadcardDb, type StoredRecord } from './db';
import { storedRecord } from './local-change';
import { META, readMeta, writeMeta } from './meta';

/** What a record has queued locally and not yet acknowledged: the fields it changed, or a delete. */
interface Pending {
  fields: Set<string>;
  deleted: boolean;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * Applies one page of pulled changes and its cursor in one transaction. The per-field rule: a pulled change is
 * the record's whole server state, except that a field this device changed and the server has not acknowledged
 * yet keeps its local value (it is newer than anything the server had when it answered; the server settles
 * the order by HLC once it is pushed). A record with a queued local delete stays deleted.
 */
export async function applyPulledChanges(
  db: LeadcardDb,
  changes: readonly Change[],
  /** The page's cursor, written with its last chunk; null for the chunks before it. */
  cursor: number | null,
  nowIso: string,
  seenHlc?: string,
): Promise<void> {
  const tables = Object.values(entityTables).map((name) => db.table<StoredRecord, string>(name));
  await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const pending = new Map<string, Pending>();
    // The outbox is small (what is not yet pushed); reading it once per page beats one query per change.
    await db.outbox.each((m) => {
      const key = keyOf(m.entity, m.id);
      const entry = pending.get(key) ?? { fields: new Set<string>(), deleted: false };
      if (m.op === 'delete') entry.deleted = true;
      for (const field of Object.keys(m.fields)) entry.fields.add(field);
      pending.set(key, entry);
    });
    // Last change per record wins within a page (a page may hold several versions of one record).
    const latest = new Map<string, Change>();
    for (const change of changes) {
      const key = keyOf(change.entity, change.id);
      const seen = latest.get(key);
      if (!seen || seen.version <= change.version) latest.set(key, change);
    }
    const puts = new Map<string, StoredRecord[]>();
    const deletes = new Map<string, string[]>();
    const needLocal: Change[] = [];
    for (const change of latest.values()) {
      const local = pending.get(keyOf(change.entity, change.id));
      if (local?.deleted) continue;
      if (change.deleted) {
        push(deletes, entityTables[change.entity], change.id);
      } else if (local && local.fields.size > 0) {
        needLocal.push(change);
      } else {
        push(puts, entityTables[change.entity], storedRecord(change.entity, change.id, change.fields, nowIso));
      }
    }
    for (const change of needLocal) {
      const existing = await db.tableOf(change.entity).get(change.id);
      const fields: Record<string, unknown> = { ...change.fields };
      const local = pending.get(keyOf(change.entity, change.id));
      for (const field of local?.fields ?? []) {
        if (existing && field in existing.fields) fields[field] = existing.fields[field];
      }
      push(puts, entityTables[change.entity], {
        ...storedRecord(change.entity, change.id, fields, nowIso),
        base: change.fields,
      });
    }
    for (const [table, records] of puts) await db.table<StoredRecord, string>(table).bulkPut(records);
    for (const [table, ids] of deletes) await db.table<StoredRecord, string>(table).bulkDelete(ids);
    if (cursor !== null) await writeMeta(db, META.cursor, cursor);
    // The next local stamp must sort after what this page showed (HLC receive).
    const last = await readMeta<string | undefined>(db, META.lastHlc, undefined);
    if (seenHlc && (last === undefined || maxHlc(last, seenHlc) === seenHlc))
      await writeMeta(db, META.lastHlc, seenHlc);
  });
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
