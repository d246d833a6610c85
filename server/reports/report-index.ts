import type { EntityName } from '../../shared/schema/entities';
import type { Change } from '../../shared/schema/sync/pull';
import type { TransactionInput } from '../../shared/scoring/purchases';
import { timeOf } from '../../shared/scoring/time';
import { canSee } from '../access';
import type { AccountOwnership, Storage, User } from '../db/storage';
import { amountOf, inScope, monthOf, type ReportFilter, type Row } from './rows';

/** The entities the reports read, and of each the fields they read (a record's other fields are never kept). */
export const KEPT: Record<Exclude<EntityName, 'contact' | 'survey'>, readonly string[]> = {
  account: ['name', 'category', 'status', 'contract', 'strategic', 'leadStatus', 'source'],
  opportunity: ['accountId', 'name', 'stage', 'amount', 'currency', 'expectedClose', 'grade', 'gates', 'lostReason'],
  activity: ['accountId', 'type', 'at', 'by', 'next'],
  transaction: ['accountId', 'at', 'amount'],
  complaint: [
    'accountId',
    'at',
    'channel',
    'category',
    'summary',
    'step',
    'responsibleDept',
    'responsiblePerson',
    'approvedBy',
    'notifiedAt',
    'satisfied',
    'closedAt',
  ],
};
export type ReportEntity = keyof typeof KEPT;

/**
 * Fields whose values repeat across records (ids of accounts, users, teams, enumerations): the index keeps one
 * copy of each distinct value instead of one per record (issue 9: the index held ~1.3 GB at 100k accounts).
 */
const REPEATED = new Set([
  'accountId',
  'category',
  'status',
  'leadStatus',
  'source',
  'stage',
  'currency',
  'grade',
  'lostReason',
  'type',
  'by',
  'channel',
  'step',
  'responsibleDept',
  'responsiblePerson',
  'approvedBy',
]);

/** The children whose per-account facts (SharedFacts) are kept up to date per changed account. */
type FactEntity = 'activity' | 'transaction' | 'complaint';
const FACT_ENTITIES: readonly FactEntity[] = ['activity', 'transaction', 'complaint'];

type Kept = { id: string; accountId: string | null; fields: Record<string, unknown>; atMs: number };

/**
 * What every caller's reports share, computed once per data version: a caller sees an account with all its
 * children, so these per-account facts do not depend on who asks. The transaction lists are stable arrays between
 * versions, so the scoring functions' per-array parse cache (purchasesOf) serves every request of a version.
 */
export type SharedFacts = {
  version: number;
  /** The latest activity (not an ownership change) per account, UTC ms. */
  lastActivity: ReadonlyMap<string, number>;
  transactions: ReadonlyMap<string, readonly TransactionInput[]>;
  complaints: ReadonlyMap<string, readonly { at: string }[]>;
  /** Revenue per account per UTC month `YYYY-MM`. */
  revenueByMonth: ReadonlyMap<string, ReadonlyMap<string, number>>;
};
type AccountEntry = Kept & { ownership: AccountOwnership };

/** Reads every change (all records, tombstones included) with version > `after`, at most `max`, in version order. */
export type ReadChanges = (after: number, max: number) => Promise<Change[]>;
/**
 * Reads the live records after `after` in (entity, id) order, at most `max`, with the change-log version the first
 * chunk reflects: the first build reads the table front to back, then catches up from that version (records that
 * changed while it read are applied again, in version order).
 */
export type ScanRecords = (
  after: { entity: EntityName; id: string } | null,
  max: number,
) => Promise<{ version: number; changes: Change[] }>;

/**
 * The reports' in-memory projection of the records (issue 9: every view under a second at 100k accounts).
 * Reading 100k accounts and their children from SQLite and parsing their JSON on every request takes seconds;
 * instead this index keeps the few fields the reports read and catches up from the change log (record versions,
 * the same cursor the sync pull walks), so a request costs one small query for what changed since the last one.
 * Visibility is decided per request by `canSee` (access.ts) on the account's current ownership, so a change of
 * owner or share moves its rows at once. Several server processes each keep their own index; each catches up.
 */
export class ReportIndex {
  private cursor = 0;
  private readonly accounts = new Map<string, AccountEntry>();
  private readonly children = {
    opportunity: new Map<string, Kept>(),
    activity: new Map<string, Kept>(),
    transaction: new Map<string, Kept>(),
    complaint: new Map<string, Kept>(),
  };
  private catchingUp: Promise<number> | null = null;
  private facts: SharedFacts | null = null;
  /** Per account, its live activities, transactions and complaints (for the per-account facts). */
  private readonly byAccount: Record<FactEntity, Map<string, Kept[]>> = {
    activity: new Map(),
    transaction: new Map(),
    complaint: new Map(),
  };
  /** Accounts whose facts changed since `facts` was computed. */
  private readonly stale = new Set<string>();
  /** One copy of each repeated value (see REPEATED). */
  private readonly strings = new Map<string, string>();
  /** Whether the first refresh (the table read and the catch-up after it) has finished. */
  private built = false;
  /**
   * The first build's progress: records read, against the change-log version at its start. That version counts
   * every change ever made, so it over-estimates the live records (the figure may jump to the end), but it is
   * known after one chunk where a count of a multi-GB table would take seconds itself.
   */
  private readonly reading = { done: 0, total: 0 };

  constructor(
    private readonly read: ReadChanges,
    private readonly chunk = 5000,
    private scan: ScanRecords | null = null,
    /** Whether `read` and `scan` answer only the kept fields in objects of their own (Storage.reportChanges). */
    private readonly slim = false,
  ) {}

  /** Whether the first build has finished: from then on a refresh only catches up what changed since. */
  get ready(): boolean {
    return this.built;
  }

  /** How far the first build is: records read of an estimated total (0 while unknown); both equal once ready. */
  progress(): { done: number; total: number } {
    if (this.built) return { done: this.reading.total, total: this.reading.total };
    return { done: Math.min(this.reading.done, this.reading.total), total: this.reading.total };
  }

  /** Applies every change since the last call; resolves with the version the index now reflects. */
  refresh(): Promise<number> {
    // Concurrent requests share one catch-up instead of reading the same changes twice.
    this.catchingUp ??= this.catchUp().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async catchUp(): Promise<number> {
    if (this.scan && this.cursor === 0) await this.firstBuild(this.scan);
    for (;;) {
      const changes = await this.read(this.cursor, this.chunk);
      for (const change of changes) {
        this.apply(change);
        if (change.version > this.cursor) this.cursor = change.version;
      }
      if (changes.length < this.chunk) {
        this.built = true;
        this.reading.total = Math.max(this.reading.total, this.reading.done);
        return this.cursor;
      }
      // SQLite answers synchronously: let other requests (a sync push) run between chunks of a long catch-up.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async firstBuild(scan: ScanRecords): Promise<void> {
    let after: { entity: EntityName; id: string } | null = null;
    let version: number | null = null;
    this.reading.done = 0; // a retry after a failed scan reads from the start again
    for (;;) {
      const chunk = await scan(after, this.chunk);
      version ??= chunk.version;
      this.reading.total = version;
      this.reading.done += chunk.changes.length;
      for (const change of chunk.changes) this.apply(change);
      const last = chunk.changes.at(-1);
      if (!last || chunk.changes.length < this.chunk) break;
      after = { entity: last.entity, id: last.id };
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Only once: a failed scan leaves the cursor at 0 and is retried; a finished one hands over to the change log.
    this.scan = null;
    this.cursor = version;
  }

  private apply(change: Change): void {
    const { entity, id } = change;
    if (entity === 'account') {
      if (change.deleted) this.accounts.delete(id);
      else {
        const f = change.fields;
        this.accounts.set(id, {
          id,
          accountId: id,
          fields: { ...this.pick(f, KEPT.account), ...leadGradeOf(f.grades) },
          atMs: Number.NaN,
          ownership: {
            owner: typeof f.owner === 'string' ? this.intern(f.owner) : null,
            team: typeof f.team === 'string' ? this.intern(f.team) : null,
            lockedOwner: f.lockedOwner === true,
            ownerSince: typeof f.ownerSince === 'string' ? f.ownerSince : null,
            lapsesAt: typeof f.lapsesAt === 'string' ? f.lapsesAt : null,
            sharedWith: Array.isArray(f.sharedWith) ? f.sharedWith.filter((g) => typeof g === 'string') : [],
          },
        });
      }
      return;
    }
    if (!(entity in this.children)) return;
    const map = this.children[entity as keyof ReportIndex['children']];
    const before = map.get(id);
    let after: Kept | undefined;
    if (change.deleted) map.delete(id);
    else {
      // accountId is REPEATED, so already interned: use that copy, not a second lookup (H9: 1.9M lookups at start).
      const fields = this.slim
        ? this.internKept(change.fields, KEPT[entity as ReportEntity])
        : this.pick(change.fields, KEPT[entity as ReportEntity]);
      const accountId = typeof fields.accountId === 'string' ? fields.accountId : null;
      after = { id, accountId, fields, atMs: timeOf(typeof fields.at === 'string' ? fields.at : null) };
      map.set(id, after);
    }
    if (entity === 'activity' || entity === 'transaction' || entity === 'complaint')
      this.moveFact(this.byAccount[entity], before, after);
  }

  /** Keeps the per-account child lists in step with one change, in the children map's order. */
  private moveFact(lists: Map<string, Kept[]>, before: Kept | undefined, after: Kept | undefined): void {
    const from = before?.accountId ?? null;
    const to = after?.accountId ?? null;
    // Until the facts are first computed (all accounts at once, see shared) there is nothing to mark stale.
    if (this.facts) {
      if (from !== null) this.stale.add(from);
      if (to !== null) this.stale.add(to);
    }
    if (before && after && from === to && from !== null) {
      // An update in place keeps its position, as Map.set of an existing key does.
      const list = lists.get(from) ?? [];
      list[list.indexOf(before)] = after;
      return;
    }
    if (before && from !== null) {
      const list = lists.get(from) ?? [];
      list.splice(list.indexOf(before), 1);
      if (list.length === 0) lists.delete(from);
    }
    if (after && to !== null) {
      const list = lists.get(to);
      if (list) list.push(after);
      else lists.set(to, [after]);
    }
  }

  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /**
   * A slim reader's fields (only kept keys, fresh objects nobody else holds) kept as they are, their repeated values
   * interned in place: a copy per record was ~1.8M short-lived objects at start (H9).
   */
  private internKept(fields: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    for (const key of keys) {
      const value = fields[key];
      if (typeof value === 'string' && REPEATED.has(key)) fields[key] = this.intern(value);
    }
    return fields;
  }

  private pick(fields: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = fields[key];
      if (value === undefined) continue;
      out[key] = typeof value === 'string' && REPEATED.has(key) ? this.intern(value) : value;
    }
    return out;
  }

  /**
   * The rows of one entity the actor may see and that fall in the report's scope (a rep: only their own; the
   * owner and team filters), each with its account's owner and team. Rows whose account is unknown are left out.
   */
  /** One record with its account's ownership, whoever may see it (callers check `canSee`). */
  record(entity: ReportEntity, id: string): (Row & { ownership: AccountOwnership }) | undefined {
    const record = entity === 'account' ? this.accounts.get(id) : this.children[entity].get(id);
    const account = record?.accountId ? this.accounts.get(record.accountId) : undefined;
    if (!record || !account) return undefined;
    const { owner, team } = account.ownership;
    return { ...record, owner, team, ownership: account.ownership };
  }

  rows(
    actor: User,
    entity: ReportEntity,
    filter: ReportFilter,
    options: {
      withPool?: boolean;
      /** A cheap test of the record itself, before any row is made (most of 1M activities are out of a report). */
      where?: (record: { fields: Record<string, unknown>; atMs: number }) => boolean;
    } = {},
  ): Row[] {
    // The leads view shows a rep their team's pool (公海) too, which they may claim; the other reports do not.
    const scoped = inScope(actor, filter);
    const scope = options.withPool
      ? (row: Row) => scoped(row) || (row.owner === null && inScope({ ...actor, role: 'manager' }, filter)(row))
      : scoped;
    const out: Row[] = [];
    const source = entity === 'account' ? this.accounts : this.children[entity];
    const where = options.where;
    for (const record of source.values()) {
      if (where && !where(record)) continue;
      const account = record.accountId === null ? undefined : this.accounts.get(record.accountId);
      if (!account || !canSee(actor, account.ownership)) continue;
      const row: Row = {
        id: record.id,
        accountId: record.accountId,
        fields: record.fields,
        owner: account.ownership.owner,
        team: account.ownership.team,
        atMs: record.atMs,
      };
      if (scope(row)) out.push(row);
    }
    return out;
  }

  /**
   * The shared per-account facts of the current version (see SharedFacts). Only the accounts whose activities,
   * transactions or complaints changed since the last call are recomputed (a full pass over ~1.5M children at 100k
   * accounts took most of a second); the other accounts keep their entries, so their transaction lists stay the
   * same arrays and keep their parse cache.
   */
  shared(): SharedFacts {
    if (this.facts?.version === this.cursor) return this.facts;
    const facts = this.facts ?? {
      version: this.cursor,
      lastActivity: new Map(),
      transactions: new Map(),
      complaints: new Map(),
      revenueByMonth: new Map(),
    };
    const stale = this.facts ? this.stale : new Set(FACT_ENTITIES.flatMap((e) => [...this.byAccount[e].keys()]));
    for (const accountId of stale) this.recomputeFacts(facts, accountId);
    this.stale.clear();
    this.facts = { ...facts, version: this.cursor };
    return this.facts;
  }

  private recomputeFacts(facts: SharedFacts, accountId: string): void {
    const lastActivity = facts.lastActivity as Map<string, number>;
    const transactions = facts.transactions as Map<string, readonly TransactionInput[]>;
    const revenueByMonth = facts.revenueByMonth as Map<string, ReadonlyMap<string, number>>;
    const complaints = facts.complaints as Map<string, readonly { at: string }[]>;
    let last: number | undefined;
    for (const { fields, atMs } of this.byAccount.activity.get(accountId) ?? []) {
      if (fields.type === 'ownership' || Number.isNaN(atMs)) continue;
      if (last === undefined || atMs > last) last = atMs;
    }
    if (last === undefined) lastActivity.delete(accountId);
    else lastActivity.set(accountId, last);
    const sales: TransactionInput[] = [];
    const months = new Map<string, number>();
    for (const { fields, atMs } of this.byAccount.transaction.get(accountId) ?? []) {
      const amount = amountOf(fields.amount);
      sales.push({ at: typeof fields.at === 'string' ? fields.at : '', amount });
      if (Number.isNaN(atMs)) continue;
      const month = monthOf(atMs);
      months.set(month, (months.get(month) ?? 0) + amount);
    }
    if (sales.length === 0) transactions.delete(accountId);
    else transactions.set(accountId, sales);
    if (months.size === 0) revenueByMonth.delete(accountId);
    else revenueByMonth.set(accountId, months);
    const filed = (this.byAccount.complaint.get(accountId) ?? []).map(({ fields }) => ({
      at: typeof fields.at === 'string' ? fields.at : '',
    }));
    if (filed.length === 0) complaints.delete(accountId);
    else complaints.set(accountId, filed);
  }
}

const indexes = new WeakMap<object, ReportIndex>();

/**
 * The one index of a storage, shared by the routes that read it (reports, stage moves), reading the change log
 * with `read`. `key` is the storage object.
 */
export function reportIndexOf(key: object, read: ReadChanges, scan?: ScanRecords, slim = false): ReportIndex {
  let index = indexes.get(key);
  if (!index) {
    index = new ReportIndex(read, undefined, scan, slim);
    indexes.set(key, index);
  }
  return index;
}

/** The index of a storage, reading only the fields it keeps (`Storage.reportChanges`): what the routes use. */
export function reportIndexOfStorage(storage: Storage): ReportIndex {
  return reportIndexOf(
    storage,
    (after, max) => storage.reportChanges(after, max, KEPT),
    (after, max) => storage.reportScan(after, max, KEPT),
    true,
  );
}

/** The lead's grade kept for the leads view: score, band and 甲/乙/丙 (not the explanation lines: fetched per card). */
function leadGradeOf(grades: unknown): { lead?: { score: number; band: string; qualification: string | null } } {
  const g = grades as { score?: { value?: unknown; band?: unknown }; qualification?: unknown } | null | undefined;
  if (typeof g?.score?.value !== 'number' || typeof g.score.band !== 'string') return {};
  const qualification = typeof g.qualification === 'string' ? g.qualification : null;
  return { lead: { score: g.score.value, band: g.score.band, qualification } };
}
