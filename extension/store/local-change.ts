import { HybridLogicalClock } from '../../shared/hlc/hlc';
import { uuidv7 } from '../../shared/id/uuidv7';
import { type EntityName, entityFields } from '../../shared/schema/entities';
import type { LeadcardDb, StoredRecord } from './db';
import { lookupKeys } from './lookup-keys';
import { clientIdOf, META, readMeta, type StoreEnv, writeMeta } from './meta';

export interface LocalChange {
  entity: EntityName;
  id: string;
  seq: number;
  hlc: string;
}

/** A local write the schema refused, naming the field (the same message the server would give). */
export class InvalidChangeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function validated(entity: EntityName, fields: Record<string, unknown>, whole: boolean): Record<string, unknown> {
  const schema = whole ? entityFields[entity] : entityFields[entity].partial();
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidChangeError(issue?.path.map(String).join('.') || entity, issue?.message ?? 'invalid');
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * Writes a local change and queues its mutation in ONE Dexie transaction (record, outbox, field clocks, seq and
 * HLC counters), so a change is never stored without being queued, nor queued without being stored.
 * `id` null creates a record (all client fields required); otherwise `fields` is a partial update.
 */
export async function saveLocal(
  db: LeadcardDb,
  env: StoreEnv,
  entity: EntityName,
  id: string | null,
  fields: Record<string, unknown>,
): Promise<LocalChange> {
  const clientId = await clientIdOf(db, env);
  const table = db.tableOf(entity);
  return db.transaction('rw', [table, db.outbox, db.clocks, db.meta], async () => {
    const existing = id === null ? undefined : await table.get(id);
    if (id !== null && !existing) throw new InvalidChangeError('id', `no ${entity} ${id} in the store`);
    const patch = validated(entity, fields, existing === undefined);
    const recordId = id ?? uuidv7(env.now(), env.randomBytes);
    const { seq, hlc } = await nextStamp(db, env, clientId);
    const merged = { ...(existing?.fields ?? {}), ...patch };
    // The first local change on top of a server state keeps that state as the record's base.
    const base = existing === undefined ? null : existing.base === undefined ? existing.fields : existing.base;
    await table.put({ ...storedRecord(entity, recordId, merged, new Date(env.now()).toISOString()), base });
    await db.outbox.add({ seq, hlc, entity, id: recordId, op: 'upsert', fields: patch });
    const clocks = (await db.clocks.get([entity, recordId]))?.hlcs ?? {};
    for (const field of Object.keys(patch)) clocks[field] = hlc;
    await db.clocks.put({ entity, id: recordId, hlcs: clocks });
    return { entity, id: recordId, seq, hlc };
  });
}

/** Deletes a record locally and queues the tombstone (`fields: {}`), in one transaction. */
export async function deleteLocal(db: LeadcardDb, env: StoreEnv, entity: EntityName, id: string): Promise<LocalChange> {
  const clientId = await clientIdOf(db, env);
  const table = db.tableOf(entity);
  return db.transaction('rw', [table, db.outbox, db.clocks, db.meta], async () => {
    const { seq, hlc } = await nextStamp(db, env, clientId);
    await table.delete(id);
    await db.clocks.put({ entity, id, hlcs: { _deleted: hlc } });
    await db.outbox.add({ seq, hlc, entity, id, op: 'delete', fields: {} });
    return { entity, id, seq, hlc };
  });
}

export function storedRecord(
  entity: EntityName,
  id: string,
  fields: Record<string, unknown>,
  updatedAt: string,
): StoredRecord {
  return { id, fields, updatedAt, ...lookupKeys(entity, fields) };
}

/** The next seq (contiguous from 1) and HLC of this client; call inside the write's transaction. */
async function nextStamp(db: LeadcardDb, env: StoreEnv, clientId: string): Promise<{ seq: number; hlc: string }> {
  const seq = await readMeta<number>(db, META.nextSeq, 1);
  const last = await readMeta<string | undefined>(db, META.lastHlc, undefined);
  const hlc = new HybridLogicalClock(clientId, env.now, last).now();
  await writeMeta(db, META.nextSeq, seq + 1);
  await writeMeta(db, META.lastHlc, hlc);
  return { seq, hlc };
}
