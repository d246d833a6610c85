import { maxHlc } from '../../shared/hlc/hlc';
import type { Change } from '../../shared/schema/sync/pull';
import { entityTables, type LeadcardDb, type StoredRecord } from './db';
import { storedRecord } from './local-change';
import { META, readMeta, writeMeta } from './meta';

/** What a record has queued locally and not yet acknowledged: each field it changed (with the HLC of its latest
 * queued write), or a delete. */
interface Pending {
  fields: Map<string, string>;
  deleted: boolean;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * Applies one page of pulled changes and its cursor in one transaction. The per-field rule (DESIGN §8): a pulled
 * change is the record's whole server state, except that a field this device changed and has not had
 * acknowledged keeps its local value when that write is newer by HLC than the server's (`change.hlcs`); a
 * server older than `hlcs` gives no HLCs, and then the local value is kept and settle.ts puts the server's back
 * if the push loses. A record with a queued local delete stays deleted.
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
      const entry = pending.get(key) ?? { fields: new Map<string, string>(), deleted: false };
      if (m.op === 'delete') entry.deleted = true;
      for (const field of Object.keys(m.fields)) {
        const queued = entry.fields.get(field);
        if (queued === undefined || m.hlc > queued) entry.fields.set(field, m.hlc);
      }
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
      for (const [field, queued] of local?.fields ?? []) {
        if (!existing || !(field in existing.fields)) continue;
        // The server's write of this field is as new or newer (equal: it is this very write): it applies now.
        const server = change.hlcs?.[field];
        if (server !== undefined && server >= queued) continue;
        fields[field] = existing.fields[field];
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

/**
 * The latest HLC a page of pulled changes shows, for the HLC receive that makes the next local write sort after
 * it: the greatest of their field HLCs; where a change carries none (a server older than `hlcs`), `fallback`
 * (the server's clock) stands in as well.
 */
export function newestPulledHlc(changes: readonly Change[], fallback: string | undefined): string | undefined {
  let newest: string | undefined;
  let complete = true;
  for (const change of changes) {
    if (!change.hlcs) {
      if (!change.deleted) complete = false;
      continue;
    }
    for (const hlc of Object.values(change.hlcs)) newest = maxHlc(newest, hlc);
  }
  return complete ? newest : maxHlc(newest, fallback);
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
