import type { EntityName } from '../../shared/schema/entities';
import type { Change } from '../../shared/schema/sync/pull';
import type { TransactionInput } from '../../shared/scoring/purchases';
import { timeOf } from '../../shared/scoring/time';
import { canSee } from '../access';
import type { AccountOwnership, User } from '../db/storage';
import { amountOf, inScope, monthOf, type ReportFilter, type Row } from './rows';

/** The entities the reports read, and of each the fields they read (a record's other fields are never kept). */
const KEPT: Record<Exclude<EntityName, 'contact' | 'survey'>, readonly string[]> = {
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

  constructor(
    private readonly read: ReadChanges,
    private readonly chunk = 5000,
  ) {}

  /** Applies every change since the last call; resolves with the version the index now reflects. */
  refresh(): Promise<number> {
    // Concurrent requests share one catch-up instead of reading the same changes twice.
    this.catchingUp ??= this.catchUp().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async catchUp(): Promise<number> {
    for (;;) {
      const changes = await this.read(this.cursor, this.chunk);
      for (const change of changes) {
        this.apply(change);
        if (change.version > this.cursor) this.cursor = change.version;
      }
      if (changes.length < this.chunk) return this.cursor;
      // SQLite answers synchronously: let other requests (a sync push) run between chunks of a long catch-up.
      await new Promise((resolve) => setImmediate(resolve));
    }
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
          fields: { ...pick(f, KEPT.account), ...leadGradeOf(f.grades) },
          atMs: Number.NaN,
          ownership: {
            owner: typeof f.owner === 'string' ? f.owner : null,
            team: typeof f.team === 'string' ? f.team : null,
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
    if (change.deleted) map.delete(id);
    else {
      const accountId = typeof change.fields.accountId === 'string' ? change.fields.accountId : null;
      const fields = pick(change.fields, KEPT[entity as ReportEntity]);
      map.set(id, { id, accountId, fields, atMs: timeOf(typeof fields.at === 'string' ? fields.at : null) });
    }
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

  rows(actor: User, entity: ReportEntity, filter: ReportFilter, options: { withPool?: boolean } = {}): Row[] {
    // The leads view shows a rep their team's pool (公海) too, which they may claim; the other reports do not.
    const scoped = inScope(actor, filter);
    const scope = options.withPool
      ? (row: Row) => scoped(row) || (row.owner === null && inScope({ ...actor, role: 'manager' }, filter)(row))
      : scoped;
    const out: Row[] = [];
    const source = entity === 'account' ? this.accounts : this.children[entity];
    for (const record of source.values()) {
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

  /** The shared per-account facts of the current version (see SharedFacts), computed on first use. */
  shared(): SharedFacts {
    if (this.facts?.version === this.cursor) return this.facts;
    const lastActivity = new Map<string, number>();
    for (const { accountId, fields, atMs } of this.children.activity.values()) {
      if (accountId === null || fields.type === 'ownership' || Number.isNaN(atMs)) continue;
      const seen = lastActivity.get(accountId);
      if (seen === undefined || atMs > seen) lastActivity.set(accountId, atMs);
    }
    const transactions = new Map<string, TransactionInput[]>();
    const revenueByMonth = new Map<string, Map<string, number>>();
    for (const { accountId, fields, atMs } of this.children.transaction.values()) {
      if (accountId === null) continue;
      const amount = amountOf(fields.amount);
      const at = typeof fields.at === 'string' ? fields.at : '';
      push(transactions, accountId, { at, amount });
      if (Number.isNaN(atMs)) continue;
      let months = revenueByMonth.get(accountId);
      if (!months) {
        months = new Map();
        revenueByMonth.set(accountId, months);
      }
      const month = monthOf(atMs);
      months.set(month, (months.get(month) ?? 0) + amount);
    }
    const complaints = new Map<string, { at: string }[]>();
    for (const { accountId, fields } of this.children.complaint.values())
      if (accountId !== null) push(complaints, accountId, { at: typeof fields.at === 'string' ? fields.at : '' });
    this.facts = { version: this.cursor, lastActivity, transactions, complaints, revenueByMonth };
    return this.facts;
  }
}

const indexes = new WeakMap<object, ReportIndex>();

/**
 * The one index of a storage, shared by the routes that read it (reports, stage moves), reading the change log
 * with `read`. `key` is the storage object.
 */
export function reportIndexOf(key: object, read: ReadChanges): ReportIndex {
  let index = indexes.get(key);
  if (!index) {
    index = new ReportIndex(read);
    indexes.set(key, index);
  }
  return index;
}

/** The lead's grade kept for the leads view: score, band and 甲/乙/丙 (not the explanation lines: fetched per card). */
function leadGradeOf(grades: unknown): { lead?: { score: number; band: string; qualification: string | null } } {
  const g = grades as { score?: { value?: unknown; band?: unknown }; qualification?: unknown } | null | undefined;
  if (typeof g?.score?.value !== 'number' || typeof g.score.band !== 'string') return {};
  const qualification = typeof g.qualification === 'string' ? g.qualification : null;
  return { lead: { score: g.score.value, band: g.score.band, qualification } };
}

function push<V>(groups: Map<string, V[]>, key: string, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

function pick(fields: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}
