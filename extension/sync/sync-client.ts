import type { z } from 'zod';
import { encodeHlc } from '../../shared/hlc/hlc';
import type { EntityName } from '../../shared/schema/entities';
import { pullResponse } from '../../shared/schema/sync/pull';
import { pushResponse } from '../../shared/schema/sync/push';
import type { LeadcardDb } from '../store/db';
import { clientIdOf, META, readMeta, type StoreEnv } from '../store/meta';
import { applyPulledChanges, newestPulledHlc } from '../store/pulled-changes';
import { markUnsettled, type RecordKey, settleAcknowledged } from '../store/settle';
import { holdBackUncheckedCards, runPendingChecks } from './clash-check';
import { sendInterests } from './interests';
import { requestJson, requestJsonDated, ServerError } from './server-error';

export interface SyncTarget {
  serverUrl: string;
  token: string;
}

export interface SyncOptions {
  fetch: typeof fetch;
  env: StoreEnv;
  /** Mutations per push request (the server takes up to 5000). */
  pushBatch?: number;
  /** Changes per pull page; each page is applied in its own transaction. */
  pullLimit?: number;
  /** Pulled changes per apply transaction (between them other work may run). */
  applyChunk?: number;
  /** Called after each applied page with the number of records pulled so far. */
  onPullProgress?: (pulled: number) => void;
  /** Lets other work run between pages (a 100k first pull must not hold the database for its whole length). */
  pause?: () => Promise<void>;
}

export interface SyncResult {
  pushed: number;
  pulled: number;
  cursor: number;
}

const api = (target: SyncTarget, path: string) => `${target.serverUrl.replace(/\/+$/, '')}/api/v1/${path}`;

/**
 * One round of sync (DESIGN §8): push the outbox in batches, dropping what the server acknowledges, then pull
 * every change since the cursor page by page. Throws a ServerError on failure; what was acknowledged or
 * applied before the failure stays done (pushes are idempotent, each pulled page commits with its cursor).
 */
export async function syncOnce(db: LeadcardDb, target: SyncTarget, options: SyncOptions): Promise<SyncResult> {
  // Cards clipped without a duplicate check (offline, signed out) are checked now, before their own push: once on
  // the server, the rep's copy would answer `yours` and hide a colleague's protection. A clash shows on the card.
  await runPendingChecks(db, target, options);
  let pushed: number;
  try {
    pushed = await pushOutbox(db, target, options);
  } catch (error) {
    // A change to a card the rep may no longer see (403: assigned to a colleague, unshared, another team) cannot
    // go through, but the pull still must: it brings the tombstones that take that card away, and everything else.
    // The card's name is read first (the pull removes it), so that the refusal can say which card it was.
    if (!(error instanceof RefusedChangeError) || !error.lostAccess) throw error;
    const refused = await describeRefusal(db, error);
    await pullChanges(db, target, options);
    throw refused;
  }
  // After the push, so that a card the rep created meanwhile is on the server when the interest is matched.
  await sendInterests(db, target, options);
  const { pulled, cursor } = await pullChanges(db, target, options);
  return { pushed, pulled, cursor };
}

/**
 * The refusal with the card its record belongs to, as this device has it: the account's name, and the records
 * of the card (the account and its children), so that discarding the refusal can take the card's other doomed
 * changes with it (store/discard.ts).
 */
async function describeRefusal(db: LeadcardDb, error: RefusedChangeError): Promise<RefusedChangeError> {
  const record = await db.tableOf(error.entity).get(error.id);
  const accountId = error.entity === 'account' ? error.id : record?.fields.accountId;
  if (typeof accountId !== 'string') return error.about(null, [`${error.entity}/${error.id}`]);
  const account = await db.accounts.get(accountId);
  const records = new Set([`${error.entity}/${error.id}`, `account/${accountId}`]);
  for (const entity of childEntities)
    for (const id of await db.tableOf(entity).where('accountId').equals(accountId).primaryKeys())
      records.add(`${entity}/${id}`);
  const name = account?.fields.name;
  return error.about(typeof name === 'string' && name !== '' ? name : null, [...records]);
}

const childEntities = ['contact', 'activity', 'opportunity', 'transaction', 'complaint', 'survey'] as const;

export async function pushOutbox(db: LeadcardDb, target: SyncTarget, options: SyncOptions): Promise<number> {
  const clientId = await clientIdOf(db, options.env);
  const batchSize = options.pushBatch ?? 500;
  let pushed = 0;
  // A card still waiting for its duplicate check or for the rep's decision on a clash is not pushed yet.
  const pushable = await holdBackUncheckedCards(db);
  for (;;) {
    const mutations = (await db.outbox.orderBy('seq').limit(batchSize).toArray()).filter((m) => m.seq <= pushable);
    const first = mutations[0];
    const last = mutations[mutations.length - 1];
    if (!first || !last) return pushed;
    const body = await requestJson(options.fetch, api(target, 'sync/push'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body: JSON.stringify({ clientId, mutations }),
    }).catch((error: unknown) => {
      throw refusedChangeOf(error, mutations);
    });
    const { ackedSeq } = answer(pushResponse, body, 'push');
    // Everything at or below ackedSeq is on the server: drop it. Only what was sent can be acknowledged.
    const upTo = Math.min(ackedSeq, last.seq);
    pushed += await db.transaction('rw', db.outbox, db.meta, async () => {
      const acknowledged = mutations.filter((m) => m.seq <= upTo);
      await markUnsettled(
        db,
        acknowledged.map((m): RecordKey => `${m.entity}/${m.id}`),
      );
      return db.outbox.where('seq').belowOrEqual(upTo).delete();
    });
    if (ackedSeq < first.seq) {
      // The server applied none of the batch and said so without an error: it lost our earlier seqs (a restored
      // backup) or skipped them. Retrying the same batch would loop; say so instead.
      throw new ServerError(
        'rejected',
        `the server acknowledged up to change ${ackedSeq} but this device's next change is ${first.seq}`,
      );
    }
  }
}

export async function pullChanges(
  db: LeadcardDb,
  target: SyncTarget,
  options: SyncOptions,
): Promise<{ pulled: number; cursor: number }> {
  const limit = options.pullLimit ?? 1000;
  let cursor = await readMeta<number>(db, META.cursor, 0);
  let pulled = 0;
  for (;;) {
    const { body, serverTime } = await requestJsonDated(
      options.fetch,
      api(target, `sync/pull?since=${cursor}&limit=${limit}`),
      { headers: { authorization: `Bearer ${target.token}` } },
    );
    const page = answer(pullResponse, body, 'pull');
    // Edits made after seeing this page must sort after what it showed, even on a device whose clock is behind:
    // the page's field HLCs say how late that is; from a server that sends none, its clock (Date header, to the
    // second, so rounded up) stands in.
    const serverClock =
      serverTime === null ? undefined : encodeHlc({ wall: serverTime + 999, counter: 0, node: 'server' });
    const seen = newestPulledHlc(page.changes, serverClock);
    // Applied in chunks with a pause between them, so a 1000-row page never holds the thread for long; the
    // cursor goes with the last chunk (a chunk applied twice after a crash changes nothing).
    const chunk = options.applyChunk ?? 250;
    for (let from = 0; from < page.changes.length || from === 0; from += chunk) {
      const last = from + chunk >= page.changes.length;
      const slice = page.changes.slice(from, from + chunk);
      await applyPulledChanges(db, slice, last ? page.cursor : null, new Date(options.env.now()).toISOString(), seen);
      if (!last) await options.pause?.();
    }
    pulled += page.changes.length;
    cursor = page.cursor;
    options.onPullProgress?.(pulled);
    if (!page.more || page.changes.length === 0) {
      await settleAcknowledged(db, new Date(options.env.now()).toISOString());
      return { pulled, cursor };
    }
    await options.pause?.();
  }
}

/** The server's answer checked against the shared schema: a server of another protocol version says so. */
function answer<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ServerError(
    'rejected',
    `the server's ${what} answer is not understood (${issue?.path.join('.')}: ${issue?.message})`,
  );
}

/** A change the server refused (it names `mutations.N`): the rep can see which one and discard it. */
export class RefusedChangeError extends ServerError {
  constructor(
    error: ServerError,
    readonly seq: number,
    readonly entity: EntityName,
    readonly id: string,
    /** The name of the card the refused record belongs to, when this device knows it. */
    readonly card: string | null = null,
    /** `entity/id` of the card's records this device held when the change was refused. */
    readonly cardRecords: string[] = [],
  ) {
    super('rejected', error.message, error.status, error.field);
  }

  about(card: string | null, cardRecords: string[]): RefusedChangeError {
    return new RefusedChangeError(this, this.seq, this.entity, this.id, card, cardRecords);
  }

  /** A 403: the rep may no longer change (or see) the card; it was assigned away, unshared or moved team. */
  get lostAccess(): boolean {
    return this.status === 403;
  }
}

function refusedChangeOf(
  error: unknown,
  mutations: readonly { seq: number; entity: EntityName; id: string }[],
): unknown {
  if (!(error instanceof ServerError) || error.kind !== 'rejected') return error;
  const index = /^mutations\.(\d+)/.exec(error.field ?? '')?.[1];
  const refused = index === undefined ? undefined : mutations[Number(index)];
  return refused ? new RefusedChangeError(error, refused.seq, refused.entity, refused.id) : error;
}
