import type { EntityName } from '../../shared/schema/entities';
import { canWrite } from '../access';
import type { AccountAccess, AccountOwnership, PushBatch, PushOutcome } from '../db/storage';
import { leadStatusRefusal } from '../scoring/lead-status';
import { emptyState, isDeleted, mergeDelete, mergeUpsert, type RecordState } from './merge';

export interface StoredRecord {
  state: RecordState;
  accountId: string | null;
  createdBy: string;
}

/**
 * The reads and writes one push needs, inside one transaction. SQLite answers them synchronously; another
 * backend can prefetch the batch's records and accounts into memory, run `applyBatch`, then write back.
 */
export interface PushTx {
  ackedSeq(): number;
  setAckedSeq(seq: number): void;
  record(entity: EntityName, id: string): StoredRecord | undefined;
  /** Stores the record's new state under a new server version (`previous`: its state before, if it existed). */
  writeRecord(entity: EntityName, id: string, record: StoredRecord, previous: StoredRecord | undefined): void;
  access(accountId: string): AccountAccess | undefined;
  createAccount(id: string, ownership: AccountOwnership): void;
  setLapse(accountId: string, lapsesAt: string | null): void;
}

/**
 * Applies a push batch (DESIGN §8/§9): mutations at or below the acked seq are replays and skipped; a first
 * new seq beyond acked+1 is a gap; each new mutation merges per field by HLC; a write to a card the actor may
 * not write stops the batch (the caller rolls the transaction back). Returns a typed outcome, never throws
 * for an expected case.
 */
export function applyBatch(tx: PushTx, batch: PushBatch): PushOutcome {
  const acked = tx.ackedSeq();
  const fresh = batch.mutations.filter((m) => m.seq > acked);
  const first = fresh[0];
  if (!first) return { kind: 'applied', ackedSeq: acked, changedAccounts: [] };
  if (first.seq !== acked + 1) return { kind: 'gap', ackedSeq: acked, expected: acked + 1 };
  const changedAccounts = new Set<string>();
  const { actor } = batch;
  for (const [offset, m] of fresh.entries()) {
    const index = batch.mutations.length - fresh.length + offset;
    const forbidden: PushOutcome = { kind: 'forbidden', index, entity: m.entity, id: m.id, ackedSeq: acked };
    const existing = tx.record(m.entity, m.id);
    const state = existing?.state ?? emptyState();
    const next = m.op === 'delete' ? mergeDelete(state, m.hlc) : mergeUpsert(state, m.hlc, m.fields);

    if (m.entity === 'account') {
      const access = tx.access(m.id);
      if (access) {
        if (!canWrite(actor, access.ownership)) return forbidden;
      } else {
        tx.createAccount(m.id, {
          owner: actor.name,
          team: actor.team,
          lockedOwner: false,
          ownerSince: batch.now,
          lapsesAt: batch.lapseFrom(m.fields.status ?? 'lead'),
          sharedWith: [],
        });
      }
      const refusal = next && m.op === 'upsert' ? leadStatusRefusal(existing?.state.fields, next.fields) : null;
      if (refusal) return { kind: 'refused', index, ackedSeq: acked, ...refusal };
      if (next) {
        tx.writeRecord(
          m.entity,
          m.id,
          { state: next, accountId: m.id, createdBy: existing?.createdBy ?? actor.id },
          existing,
        );
        changedAccounts.add(m.id);
      }
      continue;
    }

    // A child entity: the actor must be allowed to write its account, before and after the change.
    const before = existing?.accountId ?? null;
    if (before !== null) {
      const access = tx.access(before);
      if (access ? !canWrite(actor, access.ownership) : existing?.createdBy !== actor.id && actor.role !== 'admin')
        return forbidden;
    } else if (existing && existing.createdBy !== actor.id && actor.role !== 'admin') return forbidden;
    const afterValue = next && !isDeleted(next) ? next.fields.accountId : before;
    const after = typeof afterValue === 'string' ? afterValue : before;
    if (after !== null && after !== before) {
      const access = tx.access(after);
      if (access && !canWrite(actor, access.ownership)) return forbidden;
    }
    if (!next) continue;
    tx.writeRecord(
      m.entity,
      m.id,
      { state: next, accountId: after, createdBy: existing?.createdBy ?? actor.id },
      existing,
    );
    for (const id of [before, after]) if (id !== null) changedAccounts.add(id);
    // A follow-up by the owner keeps the card theirs (DESIGN §5: lapse after 30/90 days without one).
    if (m.entity === 'activity' && after !== null && m.op === 'upsert' && next.fields.type !== 'ownership') {
      const access = tx.access(after);
      if (access && access.ownership.owner === actor.name && !access.ownership.lockedOwner)
        tx.setLapse(after, batch.lapseFrom(access.status));
    }
  }
  const last = fresh[fresh.length - 1]?.seq ?? acked;
  tx.setAckedSeq(last);
  return { kind: 'applied', ackedSeq: last, changedAccounts: [...changedAccounts] };
}
