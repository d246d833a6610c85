import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EntityName, Grades } from '../../shared/schema/entities';
import type { Change } from '../../shared/schema/sync/pull';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { recordKeys } from '../lookup-keys';
import { removesReaders, type UserAccess, userMoveRemovesAccess } from '../sync/access-loss';
import { applyBatch, type PushTx, type StoredRecord } from '../sync/apply';
import { emptyState, isDeleted, mergeUpsert } from '../sync/merge';
import type {
  AccountAccess,
  AccountOwnership,
  AccountView,
  ChildRecord,
  DirectoryUser,
  FullRescoreMark,
  LookupKey,
  LookupKind,
  NewToken,
  NewUser,
  OwnershipChange,
  PushBatch,
  PushOutcome,
  ReportFieldsByEntity,
  Role,
  ScoringCard,
  ServerWrite,
  Storage,
  StoredRuleDocument,
  TeamMove,
  TeamSummary,
  TokenFilter,
  TokenInfo,
  TokenKind,
  User,
  UserWithSecret,
} from './storage';

/**
 * The SQLite storage: every SQL statement of the server is in this file.
 *
 * Records of all seven entities share one table keyed by (entity, id): they merge the same way (per-field HLCs
 * over a JSON object validated by the shared zod schema), pull walks one version index across all of them, and
 * a new field needs no migration. Columns that SQL filters on are real columns: `account_id` (visibility
 * follows the account), `version`, `deleted`. Ownership lives in `accounts` (server-owned), lookup keys
 * (normalised emails, phones, domains, names) in `record_keys`, indexed; the free-text search keys of names (words,
 * pinyin, initials: ~20 per company name) in one `record_search` row per record, scanned with LIKE — a row per
 * search key made a push three times slower for a search the server runs rarely (the popup searches IndexedDB).
 *
 * The change log is compacted: each record carries the server version of its latest change (unique, from the
 * `version` counter), so `version > cursor ORDER BY version` is "every change since the cursor", and a pulled
 * change is the record's whole current state, as DESIGN §9 asks.
 */

/** Numbered migrations, applied in order, each once (recorded in schema_migrations). Never edit a shipped one. */
export const migrations: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'users, teams, tokens, records, accounts, keys, clients',
    sql: `
      CREATE TABLE teams (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
        team TEXT REFERENCES teams(name),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL CHECK (kind IN ('api', 'device', 'session')),
        hash TEXT NOT NULL UNIQUE,
        label TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX tokens_user ON tokens(user_id);
      CREATE TABLE records (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        account_id TEXT,
        fields TEXT NOT NULL,
        hlcs TEXT NOT NULL,
        deleted_hlc TEXT,
        deleted INTEGER NOT NULL,
        version INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX records_version ON records(version);
      CREATE INDEX records_account ON records(account_id, entity);
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        owner TEXT,
        team TEXT,
        locked INTEGER NOT NULL DEFAULT 0,
        owner_since TEXT,
        lapses_at TEXT,
        grades TEXT
      ) WITHOUT ROWID;
      CREATE INDEX accounts_owner ON accounts(owner);
      CREATE INDEX accounts_team ON accounts(team, owner);
      CREATE INDEX accounts_lapse ON accounts(lapses_at) WHERE owner IS NOT NULL AND locked = 0;
      CREATE TABLE account_shares (account_id TEXT NOT NULL, grantee TEXT NOT NULL, PRIMARY KEY (account_id, grantee));
      CREATE TABLE record_keys (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        account_id TEXT,
        PRIMARY KEY (kind, value, entity, id)
      ) WITHOUT ROWID;
      CREATE INDEX record_keys_record ON record_keys(entity, id);
      CREATE TABLE record_search (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        account_id TEXT,
        keys TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      ) WITHOUT ROWID;
      CREATE TABLE clients (
        user_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        acked_seq INTEGER NOT NULL,
        PRIMARY KEY (user_id, client_id)
      ) WITHOUT ROWID;
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT INTO counters (name, value) VALUES ('version', 0);
    `,
  },
  {
    id: 2,
    name: 'rule documents, version 1 = the default rules',
    // Rules are versioned documents, never edited in place (DESIGN §4): version 1 is the defaults, by "system".
    sql: `
      CREATE TABLE rule_documents (
        version INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        rules TEXT NOT NULL
      );
      INSERT INTO rule_documents (version, created_at, created_by, rules)
        VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system', '${JSON.stringify(DEFAULT_RULES).replaceAll("'", "''")}');
    `,
  },
  {
    id: 3,
    name: 'users can be disabled (issue 9: users admin)',
    sql: 'ALTER TABLE users ADD COLUMN disabled_at TEXT;',
  },
  {
    id: 5,
    name: 'drop record_keys_record: a push deletes key rows by their primary key',
    // The (entity, id) index served only `DELETE FROM record_keys WHERE entity = ? AND id = ?`; a push now deletes
    // exactly the keys a record lost, by (kind, value, entity, id), and no query reads record_keys by record.
    // It was ~15% of a push's SQL time: one more b-tree insert per key row.
    sql: 'DROP INDEX IF EXISTS record_keys_record;',
  },
  {
    id: 6,
    name: 'access losses: tombstones for users who may no longer see an account',
    // One row per record of an account whose readers shrank (or per record a moved user no longer sees), each
    // with a version of its own from the shared counter, so that a pull keeps its contiguous cursor. `prev_*`
    // is the ownership before the change; `user_name` set: the loss is that one user's (a team or role move).
    sql: `
      CREATE TABLE access_losses (
        version INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        user_name TEXT,
        prev_owner TEXT,
        prev_team TEXT,
        prev_shared TEXT NOT NULL DEFAULT '[]'
      );
      -- A user's moves (team, role): a loss recorded before the move's version was seen with old_role and old_team.
      CREATE TABLE user_access_moves (
        user_name TEXT NOT NULL,
        version INTEGER NOT NULL,
        old_role TEXT NOT NULL,
        old_team TEXT,
        PRIMARY KEY (user_name, version)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 7,
    name: 'deleted accounts indexed: team counts without reading every account record',
    // The teams admin counts a team's live accounts from the accounts table alone and subtracts the deleted ones,
    // found through this small partial index instead of a lookup of every account's (wide) record row.
    sql: "CREATE INDEX records_deleted_accounts ON records(id) WHERE entity = 'account' AND deleted = 1;",
  },
];

export interface SqliteOptions {
  /** `synchronous=FULL` (default) makes an acknowledged push survive power loss, not only a crash. */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating if needed) the database file in WAL mode. Call `migrate()` before use. */
export function openSqliteStorage(file: string, options: SqliteOptions = {}): SqliteStorage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return new SqliteStorage(db);
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  team: string | null;
  created_at: string;
  password_hash: string;
  disabled_at?: string | null;
}
interface RecordRow {
  entity: EntityName;
  id: string;
  account_id: string | null;
  fields: string;
  hlcs: string;
  deleted_hlc: string | null;
  deleted: number;
  version: number;
  created_by: string;
}
interface AccountRow {
  id: string;
  owner: string | null;
  team: string | null;
  locked: number;
  owner_since: string | null;
  lapses_at: string | null;
  grades: string | null;
  shared: string | null;
}
/** A `reportRows` row as an array: the record, its kept values, and for an account its accounts row (H9). */
type ReportRow = [
  entity: EntityName,
  id: string,
  version: number,
  deleted: number,
  kept: string | null,
  grade: string | null,
  accountId?: string | null,
  owner?: string | null,
  team?: string | null,
  locked?: number | null,
  ownerSince?: string | null,
  lapsesAt?: string | null,
  grades?: null,
  shared?: string | null,
];
interface PullRow extends AccountRow {
  entity: EntityName;
  rid: string;
  version: number;
  deleted: number;
  fields: string;
  hlcs: string;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  name: row.name,
  role: row.role,
  team: row.team,
  createdAt: row.created_at,
});

const ownershipOf = (row: AccountRow): AccountOwnership => ({
  owner: row.owner,
  team: row.team,
  lockedOwner: row.locked === 1,
  ownerSince: row.owner_since,
  lapsesAt: row.lapses_at,
  sharedWith: row.shared ? (JSON.parse(row.shared) as string[]) : [],
});

const SHARED = `(SELECT json_group_array(grantee) FROM account_shares s WHERE s.account_id = a.id)`;
const ACCOUNT_COLUMNS = `a.id, a.owner, a.team, a.locked, a.owner_since, a.lapses_at, a.grades, ${SHARED} AS shared`;

// Visibility (mirrors access.ts canSee): admin all; owner; same team's pool (or all the team for a manager);
// shared with the user or their team; a child whose account is unknown only to its creator.
const VISIBLE = `(
  :admin = 1
  OR (a.id IS NULL AND r.created_by = :uid)
  OR a.owner = :name
  OR (:team IS NOT NULL AND a.team = :team AND (:manager = 1 OR a.owner IS NULL))
  OR EXISTS (SELECT 1 FROM account_shares s WHERE s.account_id = a.id AND (s.grantee = :name OR s.grantee = 'team:' || :team))
)`;

/**
 * SQL: whether the user of the named parameters `:name`, `:{p}team`, `:{p}manager`, `:{p}admin` may see account `a`
 * (access.ts canSee; the prefix tells a user's team and role before a move from those after it).
 */
// coalesce: `a.owner = :name` is NULL for a pool account, and NOT NULL would drop the row instead of keeping it.
const seesAccount = (p: string) => `coalesce(
  :${p}admin = 1
  OR a.owner = :name
  OR (:${p}team IS NOT NULL AND a.team = :${p}team AND (:${p}manager = 1 OR a.owner IS NULL))
  OR EXISTS (SELECT 1 FROM account_shares s WHERE s.account_id = a.id AND (s.grantee = :name OR s.grantee = 'team:' || :${p}team)),
  0)`;

export class SqliteStorage implements Storage {
  private readonly s;

  constructor(readonly db: Database.Database) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    this.s = this.prepareAll();
  }

  private prepared: Map<string, Database.Statement> = new Map();
  /** Statements are prepared lazily (tables exist only after migrate()) and cached. */
  private q(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  private prepareAll() {
    return {
      record: `SELECT entity, id, account_id, fields, hlcs, deleted_hlc, deleted, version, created_by FROM records WHERE entity = ? AND id = ?`,
      // Positional parameters: binding an object by name cost ~8% of the statement in a 10k push.
      upsertRecord: `INSERT INTO records (entity, id, account_id, fields, hlcs, deleted_hlc, deleted, version, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (entity, id) DO UPDATE SET account_id = excluded.account_id, fields = excluded.fields,
          hlcs = excluded.hlcs, deleted_hlc = excluded.deleted_hlc, deleted = excluded.deleted, version = excluded.version`,
      // Keys are written and removed one by one, by their whole primary key (only changed keys are written).
      deleteKey: `DELETE FROM record_keys WHERE kind = ? AND value = ? AND entity = ? AND id = ?`,
      insertKey: `INSERT OR REPLACE INTO record_keys (kind, value, entity, id, account_id) VALUES (?, ?, ?, ?, ?)`,
      deleteSearch: `DELETE FROM record_search WHERE entity = ? AND id = ?`,
      upsertSearch: `INSERT OR REPLACE INTO record_search (entity, id, account_id, keys) VALUES (?, ?, ?, ?)`,
      accountRow: `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`,
      insertAccount: `INSERT INTO accounts (id, owner, team, locked, owner_since, lapses_at) VALUES (?, ?, ?, ?, ?, ?)`,
      version: `SELECT value FROM counters WHERE name = 'version'`,
      setVersion: `UPDATE counters SET value = ? WHERE name = 'version'`,
      acked: `SELECT acked_seq FROM clients WHERE user_id = ? AND client_id = ?`,
      setAcked: `INSERT INTO clients (user_id, client_id, acked_seq) VALUES (?, ?, ?)
        ON CONFLICT (user_id, client_id) DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)`,
      setLapse: `UPDATE accounts SET lapses_at = ? WHERE id = ?`,
    } as const;
  }

  async migrate(): Promise<number[]> {
    const applied = new Set(
      (this.db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((row) => row.id),
    );
    const now = new Date().toISOString();
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.id, migration.name, now);
      })();
      done.push(migration.id);
    }
    return done;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ── users, teams, tokens ───────────────────────────────────────────────────────────────────────────────

  async createUser(user: NewUser): Promise<User | 'exists'> {
    return this.db
      .transaction(() => {
        if (this.q('SELECT 1 FROM users WHERE name = ?').get(user.name)) return 'exists' as const;
        if (user.team !== null)
          this.q('INSERT OR IGNORE INTO teams (name, created_at) VALUES (?, ?)').run(user.team, user.createdAt);
        this.q('INSERT INTO users (id, name, role, team, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          user.id,
          user.name,
          user.role,
          user.team,
          user.passwordHash,
          user.createdAt,
        );
        return { id: user.id, name: user.name, role: user.role, team: user.team, createdAt: user.createdAt };
      })
      .immediate();
  }

  async userByName(name: string): Promise<UserWithSecret | undefined> {
    const row = this.q('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row ? { ...toUser(row), passwordHash: row.password_hash, disabledAt: row.disabled_at ?? null } : undefined;
  }

  async userDirectory(): Promise<DirectoryUser[]> {
    const rows = this.q(
      `SELECT u.*, (SELECT count(*) FROM tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL
         AND t.kind IN ('device', 'api')) AS devices
       FROM users u ORDER BY u.team IS NOT NULL, u.team, u.name`,
    ).all() as (UserRow & { devices: number })[];
    return rows.map((row) => ({ ...toUser(row), disabledAt: row.disabled_at ?? null, devices: row.devices }));
  }

  async setUserDisabled(userName: string, at: Date | null): Promise<boolean> {
    return this.db
      .transaction(() => {
        const update = this.q('UPDATE users SET disabled_at = ? WHERE name = ?');
        const changed = update.run(at?.toISOString() ?? null, userName).changes === 1;
        // A disabled user keeps nothing that signs in: every session, device and API token ends with it.
        if (changed && at)
          this.q(
            'UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE name = ?)',
          ).run(at.toISOString(), userName);
        return changed;
      })
      .immediate();
  }

  async countRecords(): Promise<number> {
    return (this.q('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  }

  async listUsers(): Promise<User[]> {
    return (this.q('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toUser);
  }

  async countUsers(): Promise<number> {
    return (this.q('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async setPasswordHash(userName: string, passwordHash: string): Promise<boolean> {
    return this.q('UPDATE users SET password_hash = ? WHERE name = ?').run(passwordHash, userName).changes === 1;
  }

  async createToken(token: NewToken): Promise<void> {
    const user = this.q('SELECT id FROM users WHERE name = ?').get(token.userName) as { id: string } | undefined;
    if (!user) throw new Error(`no user named ${token.userName}`);
    this.q(
      'INSERT INTO tokens (id, user_id, kind, hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(token.id, user.id, token.kind, token.hash, token.label, token.createdAt, token.expiresAt);
  }

  async userByTokenHash(hash: string, now: Date): Promise<User | undefined> {
    const row = this.q(
      `SELECT u.* FROM tokens t JOIN users u ON u.id = t.user_id
       WHERE t.hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
         AND u.disabled_at IS NULL`,
    ).get(hash, now.toISOString()) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  async revokeTokens(filter: TokenFilter, now: Date): Promise<number> {
    const at = now.toISOString();
    if ('id' in filter)
      return this.q('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, filter.id).changes;
    if ('hash' in filter)
      return this.q('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL').run(at, filter.hash)
        .changes;
    return this.q(
      `UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND (? IS NULL OR kind = ?)
       AND user_id = (SELECT id FROM users WHERE name = ?)`,
    ).run(at, filter.kind ?? null, filter.kind ?? null, filter.userName).changes;
  }

  async listTokens(userName: string): Promise<TokenInfo[]> {
    const rows = this.q(
      `SELECT t.id, t.kind, t.label, t.created_at, t.expires_at, t.revoked_at FROM tokens t
       JOIN users u ON u.id = t.user_id WHERE u.name = ? ORDER BY t.created_at`,
    ).all(userName) as {
      id: string;
      kind: TokenKind;
      label: string | null;
      created_at: string;
      expires_at: string | null;
      revoked_at: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: r.label,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }));
  }

  // ── sync ─────────────────────────────────────────────────────────────────────────────────────────────

  async push(batch: PushBatch): Promise<PushOutcome> {
    const run = this.db.transaction((): PushOutcome => {
      let version = (this.q(this.s.version).get() as { value: number }).value;
      const startVersion = version;
      const outcome = applyBatch(
        this.pushTx(batch, () => ++version),
        batch,
      );
      if (outcome.kind !== 'applied') throw new Rollback(outcome);
      if (batch.score)
        this.gradeInPush(outcome.changedAccounts, batch.score, new Date(batch.now), startVersion, () => ++version);
      if (version !== startVersion) this.q(this.s.setVersion).run(version);
      return outcome;
    });
    try {
      return run.immediate();
    } catch (error) {
      if (error instanceof Rollback) return error.outcome;
      throw error;
    }
  }

  private pushTx(batch: PushBatch, nextVersion: () => number): PushTx {
    const { actor, clientId } = batch;
    // Accounts are read many times per batch (each child checks its account): cache them for the transaction,
    // dropping an entry whenever the batch itself changes that account.
    const accessCache = new Map<string, AccountAccess | undefined>();
    return {
      ackedSeq: () =>
        (this.q(this.s.acked).get(actor.id, clientId) as { acked_seq: number } | undefined)?.acked_seq ?? 0,
      setAckedSeq: (seq) => {
        this.q(this.s.setAcked).run(actor.id, clientId, seq);
      },
      record: (entity, id) => {
        const row = this.q(this.s.record).get(entity, id) as RecordRow | undefined;
        return row ? toStored(row) : undefined;
      },
      writeRecord: (entity, id, record, previous) => {
        // The batch knows what it wrote: keep the cached access up to date rather than read it back.
        const cached = entity === 'account' ? accessCache.get(id) : undefined;
        if (cached) accessCache.set(id, { ...cached, status: record.state.fields.status });
        this.writeRecord(entity, id, record, nextVersion(), previous);
        // A child moved to another account leaves the readers of its old one.
        const from = previous?.accountId ?? null;
        if (entity !== 'account' && from !== null && record.accountId !== null && record.accountId !== from) {
          const old = accessCache.get(from) ?? this.accountAccess(from);
          if (old) this.recordChildMove(entity, id, record.accountId, old.ownership, nextVersion());
        }
      },
      access: (accountId) => {
        if (!accessCache.has(accountId)) accessCache.set(accountId, this.accountAccess(accountId));
        return accessCache.get(accountId);
      },
      createAccount: (id, ownership) => {
        accessCache.set(id, { id, ownership: { ...ownership, sharedWith: [] }, status: undefined });
        this.q(this.s.insertAccount).run(
          id,
          ownership.owner,
          ownership.team,
          ownership.lockedOwner ? 1 : 0,
          ownership.ownerSince,
          ownership.lapsesAt,
        );
      },
      setLapse: (accountId, lapsesAt) => {
        const cached = accessCache.get(accountId);
        if (cached) accessCache.set(accountId, { ...cached, ownership: { ...cached.ownership, lapsesAt } });
        this.q(this.s.setLapse).run(lapsesAt, accountId);
      },
    };
  }

  private writeRecord(
    entity: EntityName,
    id: string,
    record: StoredRecord,
    version: number,
    previous?: StoredRecord,
  ): void {
    const { state } = record;
    this.q(this.s.upsertRecord).run(
      entity,
      id,
      record.accountId,
      JSON.stringify(state.fields),
      JSON.stringify(state.hlcs),
      state.deletedHlc,
      isDeleted(state) ? 1 : 0,
      version,
      record.createdBy,
    );
    this.writeKeys(entity, id, record, previous);
  }

  // ── push path: lookup and search keys ──────────────────────────────────────────────────────

  /**
   * Brings a record's `record_keys` rows and its `record_search` row from what `previous` gave to what `record`
   * gives, writing only the rows that differ: most edits touch no email, phone, domain or name, and an edit that
   * does changes one or two keys. The keys before are recomputed from the stored fields (the same pure function
   * wrote them), so no read of record_keys is needed, and no index on it by record.
   */
  private writeKeys(entity: EntityName, id: string, record: StoredRecord, previous?: StoredRecord): void {
    const moved = previous !== undefined && previous.accountId !== record.accountId;
    if (previous && !moved && sameKeyFields(previous.state.fields, record.state.fields)) return;
    const after = splitKeys(recordKeys(entity, record.state.fields));
    const before = previous ? splitKeys(recordKeys(entity, previous.state.fields)) : undefined;
    for (const [key, [kind, value]] of before?.lookup ?? [])
      if (!after.lookup.has(key)) this.q(this.s.deleteKey).run(kind, value, entity, id);
    // A moved record's kept keys are written again: each key row carries the record's account.
    for (const [key, [kind, value]] of after.lookup)
      if (moved || !before?.lookup.has(key)) this.q(this.s.insertKey).run(kind, value, entity, id, record.accountId);
    if (!moved && after.search === before?.search) return;
    if (after.search !== '') this.q(this.s.upsertSearch).run(entity, id, record.accountId, after.search);
    else if (previous) this.q(this.s.deleteSearch).run(entity, id);
  }

  private accountAccess(accountId: string): AccountAccess | undefined {
    const row = this.q(this.s.accountRow).get(accountId) as AccountRow | undefined;
    if (!row) return undefined;
    const record = this.q(this.s.record).get('account', accountId) as RecordRow | undefined;
    const status = record ? (JSON.parse(record.fields) as Record<string, unknown>).status : undefined;
    return { id: accountId, ownership: ownershipOf(row), status };
  }

  async pullChunk(actor: User, after: number, max: number): Promise<Change[]> {
    const rows = this.q(
      `SELECT r.entity, r.id AS rid, r.version, r.deleted, r.fields, r.hlcs, ${ACCOUNT_COLUMNS}
       FROM records r LEFT JOIN accounts a ON a.id = r.account_id
       WHERE r.version > :after AND ${VISIBLE}
       ORDER BY r.version LIMIT :max`,
    ).all({ after, max, ...actorParams(actor) }) as PullRow[];
    return this.withAccessLosses(actor, after, max, rows.map(toChange));
  }

  // ── accounts, lookup, ownership ──────────────────────────────────────────────────────────────────────

  async account(id: string): Promise<AccountView | undefined> {
    return this.accountView(id);
  }

  private accountView(id: string): AccountView | undefined {
    const row = this.q(this.s.accountRow).get(id) as AccountRow | undefined;
    const record = this.q(this.s.record).get('account', id) as RecordRow | undefined;
    if (!row || !record) return undefined;
    return {
      id,
      version: record.version,
      deleted: record.deleted === 1,
      fields: JSON.parse(record.fields) as Record<string, unknown>,
      ownership: ownershipOf(row),
      grades: row.grades ? (JSON.parse(row.grades) as Grades) : null,
      createdBy: record.created_by,
    };
  }

  async accountChildren(accountId: string, limit: number): Promise<ChildRecord[]> {
    const rows = this.q(
      `SELECT entity, id, version, fields FROM (
         SELECT entity, id, version, fields,
           row_number() OVER (PARTITION BY entity ORDER BY version DESC) AS n
         FROM records WHERE account_id = ? AND entity <> 'account' AND deleted = 0)
       WHERE n <= ? ORDER BY entity, version DESC`,
    ).all(accountId, limit) as { entity: EntityName; id: string; version: number; fields: string }[];
    return rows.map((r) => ({
      entity: r.entity,
      id: r.id,
      version: r.version,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
    }));
  }

  async findAccounts(keys: LookupKey[], limit: number): Promise<{ accountId: string; rank: number }[]> {
    const best = new Map<string, number>();
    keys.forEach((key, rank) => {
      const pattern =
        key.match === 'exact'
          ? key.value
          : key.match === 'prefix'
            ? `${escapeLike(key.value)}%`
            : `%${escapeLike(key.value)}%`;
      const rows =
        key.kind === 'search'
          ? this.q(
              `SELECT DISTINCT account_id FROM record_search WHERE keys LIKE ? ESCAPE '\\' AND account_id IS NOT NULL LIMIT ?`,
            ).all(`%${SEP}${escapeLike(key.value)}${key.match === 'exact' ? SEP : ''}%`, limit * 4)
          : this.q(
              key.match === 'exact'
                ? `SELECT DISTINCT account_id FROM record_keys WHERE kind = ? AND value = ? AND account_id IS NOT NULL LIMIT ?`
                : `SELECT DISTINCT account_id FROM record_keys WHERE kind = ? AND value LIKE ? ESCAPE '\\' AND account_id IS NOT NULL LIMIT ?`,
            ).all(key.kind, pattern, limit * 4);
      for (const row of rows as { account_id: string }[]) {
        const seen = best.get(row.account_id);
        if (seen === undefined || rank < seen) best.set(row.account_id, rank);
      }
    });
    return [...best.entries()]
      .map(([accountId, rank]) => ({ accountId, rank }))
      .sort((a, b) => a.rank - b.rank || (a.accountId < b.accountId ? -1 : 1));
  }

  async findRecords(
    entity: EntityName,
    keys: LookupKey[],
    limit: number,
  ): Promise<{ id: string; accountId: string | null }[]> {
    const seen = new Set<string>();
    const out: { id: string; accountId: string | null }[] = [];
    for (const key of keys) {
      const rows = this.q(
        'SELECT id, account_id FROM record_keys WHERE kind = ? AND value = ? AND entity = ? ORDER BY id LIMIT ?',
      ).all(key.kind, key.value, entity, limit) as { id: string; account_id: string | null }[];
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        out.push({ id: row.id, accountId: row.account_id });
      }
    }
    return out.slice(0, limit);
  }

  async record(
    entity: EntityName,
    id: string,
  ): Promise<{ fields: Record<string, unknown>; deleted: boolean } | undefined> {
    const row = this.q(this.s.record).get(entity, id) as RecordRow | undefined;
    return row ? { fields: JSON.parse(row.fields) as Record<string, unknown>, deleted: row.deleted === 1 } : undefined;
  }

  async accountIds(): Promise<string[]> {
    return (
      this.q(`SELECT id FROM records WHERE entity = 'account' AND deleted = 0 ORDER BY id`).all() as { id: string }[]
    ).map((r) => r.id);
  }

  async countOwnedLeads(userName: string): Promise<number> {
    return (
      this.q(
        `SELECT count(*) AS n FROM accounts a JOIN records r ON r.entity = 'account' AND r.id = a.id
         WHERE a.owner = ? AND r.deleted = 0 AND json_extract(r.fields, '$.status') IS 'lead'`,
      ).get(userName) as { n: number }
    ).n;
  }

  async changeOwnership(change: OwnershipChange): Promise<AccountView | 'conflict'> {
    return this.db
      .transaction(() => {
        let version = (this.q(this.s.version).get() as { value: number }).value;
        const { accountId, ownership } = change;
        if (change.expectedOwner !== undefined) {
          const row = this.q('SELECT owner FROM accounts WHERE id = ?').get(accountId) as
            | { owner: string | null }
            | undefined;
          if (!row || row.owner !== change.expectedOwner) return 'conflict' as const;
        }
        const before = this.q(this.s.accountRow).get(accountId) as AccountRow | undefined;
        this.q('UPDATE accounts SET owner = ?, team = ?, locked = ?, owner_since = ?, lapses_at = ? WHERE id = ?').run(
          ownership.owner,
          ownership.team,
          ownership.lockedOwner ? 1 : 0,
          ownership.ownerSince,
          ownership.lapsesAt,
          accountId,
        );
        if (ownership.sharedWith) {
          this.q('DELETE FROM account_shares WHERE account_id = ?').run(accountId);
          for (const grantee of ownership.sharedWith)
            this.q('INSERT OR IGNORE INTO account_shares (account_id, grantee) VALUES (?, ?)').run(accountId, grantee);
        }
        // Whoever could see the card before and cannot now gets tombstones for it (./access-loss.ts).
        if (before) version = this.recordAccessLoss(accountId, ownershipOf(before), ownership, version);
        // New viewers must pull the card and everything under it: move them all to fresh versions.
        const ids = this.q('SELECT entity, id FROM records WHERE account_id = ? ORDER BY version').all(accountId) as {
          entity: string;
          id: string;
        }[];
        for (const { entity, id } of ids)
          this.q('UPDATE records SET version = ? WHERE entity = ? AND id = ?').run(++version, entity, id);
        const { activity } = change;
        const hlcs = Object.fromEntries(Object.keys(activity.fields).map((k) => [k, activity.hlc]));
        this.writeRecord(
          'activity',
          activity.id,
          { state: { fields: activity.fields, hlcs, deletedHlc: null }, accountId, createdBy: activity.createdBy },
          ++version,
        );
        this.q(this.s.setVersion).run(version);
        const view = this.accountView(accountId);
        if (!view) throw new Error(`account ${accountId} vanished during an ownership change`);
        return view;
      })
      .immediate();
  }

  async lapsedAccounts(now: Date, limit: number): Promise<string[]> {
    return (
      this.q(
        'SELECT id FROM accounts WHERE owner IS NOT NULL AND locked = 0 AND lapses_at IS NOT NULL AND lapses_at <= ? LIMIT ?',
      ).all(now.toISOString(), limit) as { id: string }[]
    ).map((r) => r.id);
  }

  async setGrades(accountId: string, grades: Grades | null): Promise<void> {
    this.db
      .transaction(() => {
        const version = (this.q(this.s.version).get() as { value: number }).value + 1;
        this.q('UPDATE accounts SET grades = ? WHERE id = ?').run(grades ? JSON.stringify(grades) : null, accountId);
        this.q(`UPDATE records SET version = ? WHERE entity = 'account' AND id = ?`).run(version, accountId);
        this.q(this.s.setVersion).run(version);
      })
      .immediate();
  }

  async setLapse(accountId: string, lapsesAt: string | null): Promise<void> {
    this.q(this.s.setLapse).run(lapsesAt, accountId);
  }

  async backup(file: string): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    await this.db.backup(file);
  }

  // ── scoring rules and batch re-scoring ───────────────────────────────────────────────────────────────

  /** Grades the accounts a push changed, inside its transaction; bumps an account's version only if the push
   * did not already give it a new one (an account written by this push is pulled with its new grades anyway). */
  private gradeInPush(
    accountIds: readonly string[],
    score: NonNullable<PushBatch['score']>,
    now: Date,
    startVersion: number,
    nextVersion: () => number,
  ): void {
    for (const id of accountIds) {
      const account = this.accountView(id);
      if (!account || account.deleted) continue;
      const children = (
        this.q(
          `SELECT entity, id, version, fields FROM records WHERE account_id = ? AND entity <> 'account' AND deleted = 0`,
        ).all(id) as { entity: EntityName; id: string; version: number; fields: string }[]
      ).map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, unknown> }));
      const grades = score({ account, children }, now);
      if (JSON.stringify(grades) === JSON.stringify(account.grades)) continue;
      this.q('UPDATE accounts SET grades = ? WHERE id = ?').run(grades ? JSON.stringify(grades) : null, id);
      if (account.version <= startVersion)
        this.q(`UPDATE records SET version = ? WHERE entity = 'account' AND id = ?`).run(nextVersion(), id);
    }
  }

  async ruleDocuments(): Promise<StoredRuleDocument[]> {
    const rows = this.q('SELECT version, created_at, created_by, rules FROM rule_documents ORDER BY version').all() as {
      version: number;
      created_at: string;
      created_by: string;
      rules: string;
    }[];
    return rows.map((r) => ({
      version: r.version,
      createdAt: r.created_at,
      createdBy: r.created_by,
      rules: JSON.parse(r.rules) as unknown,
    }));
  }

  async addRuleDocument(document: StoredRuleDocument): Promise<StoredRuleDocument | 'exists'> {
    const inserted = this.q(
      'INSERT OR IGNORE INTO rule_documents (version, created_at, created_by, rules) VALUES (?, ?, ?, ?)',
    ).run(document.version, document.createdAt, document.createdBy, JSON.stringify(document.rules));
    return inserted.changes === 1 ? document : 'exists';
  }

  async accountTransactions(): Promise<{ accountId: string; fields: Record<string, unknown> }[]> {
    // IN (subquery) builds the set of live accounts once: ~5× faster than a join's lookup per row at 100k.
    const rows = this.q(
      `SELECT account_id, fields FROM records
       WHERE entity = 'transaction' AND deleted = 0
         AND account_id IN (SELECT id FROM records WHERE entity = 'account' AND deleted = 0)`,
    ).all() as { account_id: string; fields: string }[];
    return rows.map((r) => ({ accountId: r.account_id, fields: JSON.parse(r.fields) as Record<string, unknown> }));
  }

  async scoringCards(ids: readonly string[]): Promise<ScoringCard[]> {
    const list = JSON.stringify(ids);
    // Two lookups merged here, not a join: the join's alternating b-tree walks took 3× as long at 100k accounts.
    const grades = new Map(
      (
        this.q('SELECT id, grades FROM accounts WHERE id IN (SELECT value FROM json_each(?))').all(list) as {
          id: string;
          grades: string | null;
        }[]
      ).map((r) => [r.id, r.grades]),
    );
    const accounts = this.q(
      `SELECT id, version, fields FROM records
       WHERE entity = 'account' AND deleted = 0 AND id IN (SELECT value FROM json_each(?))`,
    ).all(list) as { id: string; version: number; fields: string }[];
    const cards = new Map<string, ScoringCard>();
    for (const r of accounts) {
      const stored = grades.get(r.id);
      cards.set(r.id, {
        id: r.id,
        version: r.version,
        fields: JSON.parse(r.fields) as Record<string, unknown>,
        grades: stored ? (JSON.parse(stored) as Grades) : null,
        children: [],
      });
    }
    const children = this.q(
      `SELECT account_id, entity, fields FROM records
       WHERE account_id IN (SELECT value FROM json_each(?)) AND entity <> 'account' AND deleted = 0`,
    ).all(list) as { account_id: string; entity: EntityName; fields: string }[];
    for (const c of children)
      cards
        .get(c.account_id)
        ?.children.push({ entity: c.entity, fields: JSON.parse(c.fields) as Record<string, unknown> });
    return [...cards.values()];
  }

  async setGradesMany(entries: readonly { accountId: string; version: number; grades: Grades }[]): Promise<number> {
    if (entries.length === 0) return 0;
    return this.db
      .transaction(() => {
        let version = (this.q(this.s.version).get() as { value: number }).value;
        let written = 0;
        for (const { accountId, version: expected, grades } of entries) {
          const bumped = this.q(
            `UPDATE records SET version = ? WHERE entity = 'account' AND id = ? AND version = ? AND deleted = 0`,
          ).run(version + 1, accountId, expected);
          if (bumped.changes !== 1) continue;
          version++;
          written++;
          this.q('UPDATE accounts SET grades = ? WHERE id = ?').run(JSON.stringify(grades), accountId);
        }
        this.q(this.s.setVersion).run(version);
        return written;
      })
      .immediate();
  }

  async writeAsServer(write: ServerWrite): Promise<'written' | 'conflict'> {
    const lost = new Error('a newer write wins');
    const run = this.db.transaction((): 'written' | 'conflict' => {
      if (write.expect) {
        const row = this.q(this.s.record).get(write.expect.entity, write.expect.id) as RecordRow | undefined;
        if (!row || row.deleted === 1) return 'conflict';
        const fields = JSON.parse(row.fields) as Record<string, unknown>;
        if (JSON.stringify(fields[write.expect.field]) !== JSON.stringify(write.expect.value)) return 'conflict';
      }
      let version = (this.q(this.s.version).get() as { value: number }).value;
      const startVersion = version;
      for (const record of write.records) {
        const row = this.q(this.s.record).get(record.entity, record.id) as RecordRow | undefined;
        const existing = row ? toStored(row) : undefined;
        const next = mergeUpsert(existing?.state ?? emptyState(), record.hlc, record.fields);
        // A newer write of any field would win over the server's: then none of it applies.
        const superseded = Object.entries(record.fields).some(
          ([field, value]) => JSON.stringify(next?.fields[field]) !== JSON.stringify(value),
        );
        if (!next || superseded) throw lost;
        const stored = { state: next, accountId: record.accountId, createdBy: existing?.createdBy ?? record.createdBy };
        this.writeRecord(record.entity, record.id, stored, ++version, existing);
      }
      if (write.score) {
        const accounts = [...new Set(write.records.map((r) => r.accountId))];
        this.gradeInPush(accounts, write.score, new Date(write.now), startVersion, () => ++version);
      }
      this.q(this.s.setVersion).run(version);
      return 'written';
    });
    try {
      return run.immediate();
    } catch (error) {
      if (error === lost) return 'conflict';
      throw error;
    }
  }

  // ── teams administration ─────────────────────────────────────────────────────────────────────

  async listTeams(): Promise<TeamSummary[]> {
    const teams = this.q('SELECT name, created_at FROM teams ORDER BY name').all() as {
      name: string;
      created_at: string;
    }[];
    // Live accounts per team and owned/pool: every account row (the (team, owner) index alone), less the deleted
    // ones (a partial index): one pass at 100k accounts instead of a record lookup per account.
    const counts = new Map<string, { owned: number; pool: number }>();
    const tally = (rows: { team: string; pooled: number; n: number }[], sign: 1 | -1) => {
      for (const { team, pooled, n } of rows) {
        const entry = counts.get(team) ?? { owned: 0, pool: 0 };
        if (pooled) entry.pool += sign * n;
        else entry.owned += sign * n;
        counts.set(team, entry);
      }
    };
    tally(
      this.q(
        `SELECT team, owner IS NULL AS pooled, count(*) AS n FROM accounts WHERE team IS NOT NULL GROUP BY team, pooled`,
      ).all() as { team: string; pooled: number; n: number }[],
      1,
    );
    tally(
      this.q(
        `SELECT a.team, a.owner IS NULL AS pooled, count(*) AS n
         FROM records r INDEXED BY records_deleted_accounts JOIN accounts a ON a.id = r.id
         WHERE r.entity = 'account' AND r.deleted = 1 AND a.team IS NOT NULL GROUP BY a.team, pooled`,
      ).all() as { team: string; pooled: number; n: number }[],
      -1,
    );
    const members = this.q(
      `SELECT name, role, team, disabled_at FROM users WHERE team IS NOT NULL
       ORDER BY CASE role WHEN 'manager' THEN 0 WHEN 'rep' THEN 1 ELSE 2 END, name`,
    ).all() as { name: string; role: Role; team: string; disabled_at: string | null }[];
    return teams.map((t) => ({
      name: t.name,
      createdAt: t.created_at,
      members: members
        .filter((m) => m.team === t.name)
        .map((m) => ({ name: m.name, role: m.role, disabled: m.disabled_at !== null })),
      ownedAccounts: counts.get(t.name)?.owned ?? 0,
      pool: counts.get(t.name)?.pool ?? 0,
    }));
  }

  async createTeam(name: string, createdAt: string): Promise<'created' | 'exists'> {
    const inserted = this.q('INSERT OR IGNORE INTO teams (name, created_at) VALUES (?, ?)').run(name, createdAt);
    return inserted.changes === 1 ? 'created' : 'exists';
  }

  async renameTeam(from: string, to: string): Promise<{ accounts: number } | 'missing' | 'exists'> {
    return this.db
      .transaction(() => {
        const team = this.q('SELECT created_at FROM teams WHERE name = ?').get(from) as
          | { created_at: string }
          | undefined;
        if (!team) return 'missing' as const;
        if (this.q('SELECT 1 FROM teams WHERE name = ?').get(to)) return 'exists' as const;
        // Accounts of the team, and other teams' accounts shared with it: their ownership fields change.
        const ids = (
          this.q(
            `SELECT r.id FROM records r WHERE r.entity = 'account' AND r.deleted = 0 AND r.id IN (
               SELECT id FROM accounts WHERE team = ? UNION SELECT account_id FROM account_shares WHERE grantee = ?)
             ORDER BY r.version`,
          ).all(from, `team:${from}`) as { id: string }[]
        ).map((r) => r.id);
        // users.team references teams(name): the new row first, the old one last.
        this.q('INSERT INTO teams (name, created_at) VALUES (?, ?)').run(to, team.created_at);
        this.q('UPDATE users SET team = ? WHERE team = ?').run(to, from);
        this.q('UPDATE accounts SET team = ? WHERE team = ?').run(to, from);
        this.q('UPDATE OR REPLACE account_shares SET grantee = ? WHERE grantee = ?').run(`team:${to}`, `team:${from}`);
        this.renameTeamInAccessLosses(from, to);
        this.q('DELETE FROM teams WHERE name = ?').run(from);
        let version = (this.q(this.s.version).get() as { value: number }).value;
        for (const id of ids)
          this.q(`UPDATE records SET version = ? WHERE entity = 'account' AND id = ?`).run(++version, id);
        this.q(this.s.setVersion).run(version);
        return { accounts: ids.length };
      })
      .immediate();
  }

  async deleteTeam(name: string): Promise<'deleted' | 'missing' | { users: number; accounts: number }> {
    return this.db
      .transaction(() => {
        if (!this.q('SELECT 1 FROM teams WHERE name = ?').get(name)) return 'missing' as const;
        const users = (this.q('SELECT count(*) AS n FROM users WHERE team = ?').get(name) as { n: number }).n;
        const accounts = (
          this.q(
            `SELECT count(*) AS n FROM accounts a JOIN records r ON r.entity = 'account' AND r.id = a.id
             WHERE a.team = ? AND r.deleted = 0`,
          ).get(name) as { n: number }
        ).n;
        if (users > 0 || accounts > 0) return { users, accounts };
        // Grants to the team would come back to life if a team of the same name were created later.
        const shared = this.q('SELECT account_id FROM account_shares WHERE grantee = ?').all(`team:${name}`) as {
          account_id: string;
        }[];
        this.q('DELETE FROM account_shares WHERE grantee = ?').run(`team:${name}`);
        let version = (this.q(this.s.version).get() as { value: number }).value;
        for (const { account_id } of shared)
          this.q(`UPDATE records SET version = ? WHERE entity = 'account' AND id = ?`).run(++version, account_id);
        this.q(this.s.setVersion).run(version);
        this.q('DELETE FROM teams WHERE name = ?').run(name);
        return 'deleted' as const;
      })
      .immediate();
  }

  async moveUser(
    move: TeamMove,
  ): Promise<{ user: User; from: string | null; accounts: string[] } | 'missing-user' | 'missing-team'> {
    return this.db
      .transaction(() => {
        const row = this.q('SELECT * FROM users WHERE name = ?').get(move.userName) as UserRow | undefined;
        if (!row) return 'missing-user' as const;
        if (move.team !== null && !this.q('SELECT 1 FROM teams WHERE name = ?').get(move.team))
          return 'missing-team' as const;
        this.q('UPDATE users SET team = ?, role = ? WHERE id = ?').run(move.team, move.role, row.id);
        // An admin without a team leaves their accounts where they are: a team-less account has no pool to lapse to.
        const moving =
          move.team === null
            ? []
            : (this.q(
                `SELECT a.id, a.team FROM accounts a JOIN records r ON r.entity = 'account' AND r.id = a.id
                 WHERE a.owner = ? AND r.deleted = 0 AND a.team IS NOT ? ORDER BY r.version`,
              ).all(row.name, move.team) as { id: string; team: string | null }[]);
        let version = (this.q(this.s.version).get() as { value: number }).value;
        for (const account of moving) {
          const previous = this.q(this.s.accountRow).get(account.id) as AccountRow;
          this.q('UPDATE accounts SET team = ? WHERE id = ?').run(move.team, account.id);
          // The old team's manager and pool readers lose the card.
          version = this.recordAccessLoss(
            account.id,
            ownershipOf(previous),
            { ...ownershipOf(previous), team: move.team },
            version,
          );
          // The new team's manager must pull the card and everything under it, as after an ownership change.
          const records = this.q('SELECT entity, id FROM records WHERE account_id = ? ORDER BY version').all(
            account.id,
          ) as { entity: string; id: string }[];
          for (const { entity, id } of records)
            this.q('UPDATE records SET version = ? WHERE entity = ? AND id = ?').run(++version, entity, id);
          const activity = move.activity(account.id, account.team);
          const hlcs = Object.fromEntries(Object.keys(activity.fields).map((k) => [k, activity.hlc]));
          this.writeRecord(
            'activity',
            activity.id,
            {
              state: { fields: activity.fields, hlcs, deletedHlc: null },
              accountId: account.id,
              createdBy: activity.createdBy,
            },
            ++version,
          );
        }
        // What the user saw through their old team or role and no longer does is tombstoned for them.
        version = this.recordUserAccessChange(toUser(row), move, version);
        this.q(this.s.setVersion).run(version);
        return {
          user: { ...toUser(row), team: move.team, role: move.role },
          from: row.team,
          accounts: moving.map((a) => a.id),
        };
      })
      .immediate();
  }
  // ── access loss: tombstones for users who may no longer see an account ─────────────────────────

  /**
   * Records, inside the caller's transaction, that account `accountId` went from `before` to `after`: when that can
   * take the account away from someone (./access-loss.ts removesReaders), one `access_losses` row per record of the
   * account (tombstones included: a reader may hold a copy from before the delete), numbered from `version` + 1.
   * Returns the last version used; the caller writes the counter. Every ownership path goes through
   * `changeOwnership`, which calls this; a bulk move of accounts (a user changing team) calls it per account.
   */
  private recordAccessLoss(
    accountId: string,
    before: AccountOwnership,
    after: Pick<AccountOwnership, 'owner' | 'team'> & { sharedWith?: string[] },
    version: number,
  ): number {
    const next = { owner: after.owner, team: after.team, sharedWith: after.sharedWith ?? before.sharedWith };
    if (!removesReaders(before, next)) return version;
    const written = this.q(
      `INSERT INTO access_losses (version, entity, id, account_id, user_name, prev_owner, prev_team, prev_shared)
       SELECT :base + row_number() OVER (ORDER BY version), entity, id, account_id, NULL, :owner, :team, :shared
       FROM records WHERE account_id = :account`,
    ).run({
      base: version,
      owner: before.owner,
      team: before.team,
      shared: JSON.stringify(before.sharedWith),
      account: accountId,
    });
    return version + written.changes;
  }

  /**
   * Losses not yet pulled name teams as they were: a renamed team's members must still match them (a pull judges
   * "saw it before" by team name), so the rename reaches them too. Inside the rename's transaction.
   */
  private renameTeamInAccessLosses(from: string, to: string): void {
    this.q('UPDATE access_losses SET prev_team = ? WHERE prev_team = ?').run(to, from);
    this.q(
      `UPDATE access_losses SET prev_shared = (
         SELECT json_group_array(CASE WHEN value = :from THEN :to ELSE value END) FROM json_each(prev_shared))
       WHERE EXISTS (SELECT 1 FROM json_each(prev_shared) WHERE value = :from)`,
    ).run({ from: `team:${from}`, to: `team:${to}` });
    this.q('UPDATE user_access_moves SET old_team = ? WHERE old_team = ?').run(to, from);
  }

  /**
   * Records, inside a push, that child record `id` moved from an account owned as `from` to account `to`: readers of
   * the old account who cannot see the new one get its tombstone (the pull checks `to`'s current ownership).
   */
  private recordChildMove(entity: EntityName, id: string, to: string, from: AccountOwnership, version: number): void {
    this.q(
      `INSERT INTO access_losses (version, entity, id, account_id, user_name, prev_owner, prev_team, prev_shared)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`,
    ).run(version, entity, id, to, from.owner, from.team, JSON.stringify(from.sharedWith));
  }

  /**
   * Records, inside the caller's transaction, that a user's team or role changed (accounts do not change): the
   * records of every account they saw before and not after get an `access_losses` row of theirs alone (their next
   * pull tombstones them), and the records of every account they see only now move to fresh versions (a cursor
   * past those records would never bring them otherwise). Call it after any accounts that move with the user have
   * moved. Versions are numbered from `version` + 1; returns the last one used; the caller writes the counter.
   */
  private recordUserAccessChange(
    before: UserAccess,
    after: Pick<UserAccess, 'role' | 'team'>,
    version: number,
  ): number {
    if (before.role === after.role && before.team === after.team) return version;
    // Losses recorded until now were of the old team and role: a later pull judges them by those (the first move
    // after a loss is the one that counts, so a second move in the same version keeps the first's).
    this.q('INSERT OR IGNORE INTO user_access_moves (user_name, version, old_role, old_team) VALUES (?, ?, ?, ?)').run(
      before.name,
      version + 1,
      before.role,
      before.team,
    );
    const params = {
      name: before.name,
      oadmin: before.role === 'admin' ? 1 : 0,
      omanager: before.role === 'manager' ? 1 : 0,
      oteam: before.team,
      nadmin: after.role === 'admin' ? 1 : 0,
      nmanager: after.role === 'manager' ? 1 : 0,
      nteam: after.team,
    };
    let last = version;
    if (userMoveRemovesAccess(before, after))
      last += this.q(
        `INSERT INTO access_losses (version, entity, id, account_id, user_name, prev_owner, prev_team, prev_shared)
         SELECT :base + row_number() OVER (ORDER BY r.version), r.entity, r.id, r.account_id, :name, NULL, NULL, '[]'
         FROM records r JOIN accounts a ON a.id = r.account_id
         WHERE ${seesAccount('o')} AND NOT ${seesAccount('n')}`,
      ).run({ ...params, base: last }).changes;
    last += this.q(
      `UPDATE records SET version = gained.version FROM (
         SELECT r.entity, r.id, :base + row_number() OVER (ORDER BY r.version) AS version
         FROM records r JOIN accounts a ON a.id = r.account_id
         WHERE ${seesAccount('n')} AND NOT ${seesAccount('o')}) AS gained
       WHERE records.entity = gained.entity AND records.id = gained.id`,
    ).run({ ...params, base: last }).changes;
    return last;
  }

  /**
   * Changes a user's team and role (the team is created if new; the accounts they own stay as they are) and
   * records what that takes from or gives to their view, in one transaction. undefined: no such user.
   */
  async changeUserAccess(userName: string, next: Pick<UserAccess, 'role' | 'team'>): Promise<User | undefined> {
    return this.db
      .transaction(() => {
        const row = this.q('SELECT * FROM users WHERE name = ?').get(userName) as UserRow | undefined;
        if (!row) return undefined;
        if (next.team !== null)
          this.q('INSERT OR IGNORE INTO teams (name, created_at) VALUES (?, ?)').run(
            next.team,
            new Date().toISOString(),
          );
        this.q('UPDATE users SET team = ?, role = ? WHERE id = ?').run(next.team, next.role, row.id);
        const version = (this.q(this.s.version).get() as { value: number }).value;
        this.q(this.s.setVersion).run(this.recordUserAccessChange(toUser(row), next, version));
        return { ...toUser(row), ...next };
      })
      .immediate();
  }

  /**
   * Merges into one chunk of a pull the tombstones of the caller's access losses (see recordAccessLoss): those
   * with a version up to the chunk's last (or any, when the chunk is the last one), for accounts the caller saw
   * under the ownership before the loss and does not see now. An admin sees everything and so loses nothing.
   */
  private withAccessLosses(actor: User, after: number, max: number, changes: Change[]): Change[] {
    if (actor.role === 'admin') return changes;
    const upTo = changes.length === max ? (changes[changes.length - 1]?.version ?? after) : Number.MAX_SAFE_INTEGER;
    const losses = this.q(
      // The caller's team and role when a loss was recorded: their first move after it says, else they are today's.
      `SELECT l.entity, l.id, l.version FROM (
         SELECT l.*, m.version IS NOT NULL AS moved, m.old_role, m.old_team
         FROM access_losses l LEFT JOIN user_access_moves m ON m.user_name = :name AND m.version = (
           SELECT min(version) FROM user_access_moves WHERE user_name = :name AND version > l.version)
         WHERE l.version > :after AND l.version <= :upTo) l
       LEFT JOIN accounts a ON a.id = l.account_id
       WHERE (l.user_name = :name OR (l.user_name IS NULL AND (
           (CASE WHEN l.moved THEN l.old_role ELSE :role END) = 'admin'
           OR l.prev_owner = :name
           OR ((CASE WHEN l.moved THEN l.old_team ELSE :team END) = l.prev_team
             AND ((CASE WHEN l.moved THEN l.old_role ELSE :role END) = 'manager' OR l.prev_owner IS NULL))
           OR EXISTS (SELECT 1 FROM json_each(l.prev_shared) j WHERE j.value = :name
             OR j.value = 'team:' || (CASE WHEN l.moved THEN l.old_team ELSE :team END)))))
         AND NOT ${seesAccount('')}
       ORDER BY l.version LIMIT :max`,
    ).all({
      after,
      upTo,
      max,
      name: actor.name,
      team: actor.team,
      role: actor.role,
      manager: actor.role === 'manager' ? 1 : 0,
      admin: 0,
    }) as { entity: EntityName; id: string; version: number }[];
    if (losses.length === 0) return changes;
    const tombstones: Change[] = losses.map((l) => ({
      entity: l.entity,
      id: l.id,
      version: l.version,
      deleted: true,
      fields: {},
      hlcs: {},
    }));
    return [...changes, ...tombstones].sort((a, b) => a.version - b.version).slice(0, max);
  }

  // ── start-up re-score mark and the reports' index read ─────────────────────────────────────────────

  async lastFullRescore(): Promise<FullRescoreMark | null> {
    const rows = this.q(`SELECT name, value FROM counters WHERE name IN (${RESCORE_COUNTERS})`).all() as {
      name: string;
      value: number;
    }[];
    const value = new Map(rows.map((row) => [row.name, row.value]));
    const ruleVersion = value.get('rescore_rule_version');
    const revision = value.get('rescore_revision');
    const at = value.get('rescore_at');
    if (ruleVersion === undefined || revision === undefined || at === undefined) return null;
    return { ruleVersion, revision, at };
  }

  async setLastFullRescore(mark: FullRescoreMark): Promise<void> {
    const set = this.q(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      set.run('rescore_rule_version', mark.ruleVersion);
      set.run('rescore_revision', mark.revision);
      set.run('rescore_at', mark.at);
    })();
  }

  async accountTransactionsAfter(
    after: string,
    max: number,
  ): Promise<{ id: string; accountId: string; fields: Record<string, unknown> }[]> {
    // EXISTS per row, not IN (subquery): the set of live accounts would be built again for every chunk.
    const rows = this.q(
      `SELECT r.id, r.account_id, r.fields FROM records r
       WHERE r.entity = 'transaction' AND r.id > ? AND r.deleted = 0
         AND EXISTS (SELECT 1 FROM records a WHERE a.entity = 'account' AND a.id = r.account_id AND a.deleted = 0)
       ORDER BY r.id LIMIT ?`,
    ).all(after, max) as { id: string; account_id: string; fields: string }[];
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
    }));
  }

  async hasUngradedAccounts(): Promise<boolean> {
    return (
      this.q(
        `SELECT 1 FROM accounts a WHERE a.grades IS NULL
           AND EXISTS (SELECT 1 FROM records r WHERE r.entity = 'account' AND r.id = a.id AND r.deleted = 0) LIMIT 1`,
      ).get() !== undefined
    );
  }

  async reportChanges(after: number, max: number, kept: ReportFieldsByEntity): Promise<Change[]> {
    // `+r.entity`: walk the version index in order; filtering on the primary key instead sorted every chunk.
    return this.reportRows(kept, 'r.version > ? AND +r.entity IN', 'r.version', [after, max]);
  }

  async reportScan(
    after: { entity: EntityName; id: string } | null,
    max: number,
    kept: ReportFieldsByEntity,
  ): Promise<{ version: number; changes: Change[] }> {
    // In primary-key order, one entity after the other (`entity = ? AND id > ?` walks the key; a row-value
    // comparison with an IN list made SQLite rescan each entity from its start, per chunk): the table read front
    // to back, no index lookup per record. One read transaction, so the version matches the records read.
    const entities = Object.keys(kept) as EntityName[];
    return this.db.transaction(() => {
      const version = (this.q(this.s.version).get() as { value: number }).value;
      const changes: Change[] = [];
      let at = after ? entities.indexOf(after.entity) : 0;
      let id = after?.id ?? '';
      while (at >= 0 && at < entities.length && changes.length < max) {
        const entity = entities[at] as EntityName;
        const wanted = max - changes.length;
        const rows = this.reportRows(
          { [entity]: kept[entity] },
          'r.deleted = 0 AND r.entity = ? AND r.id > ? AND r.entity IN',
          'r.id',
          [entity, id, wanted],
        );
        changes.push(...rows);
        if (rows.length === wanted) break;
        at++;
        id = '';
      }
      return { version, changes };
    })();
  }

  /** The records `where` selects (its last term is `… IN` the kept entities), as changes of only the kept fields. */
  private reportRows(kept: ReportFieldsByEntity, where: string, order: string, params: unknown[]): Change[] {
    const entities = Object.keys(kept) as EntityName[];
    if (entities.length === 0) return [];
    // One multi-path json_extract per entity: SQLite answers a JSON array of just those values (null when
    // missing), far cheaper to parse than the whole record. Two paths at least, so the answer is always an array.
    const paths = (keys: readonly string[]) =>
      [...keys, ...(keys.length < 2 ? ['__none', '__none'] : [])]
        .map((key) => {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`report field name not plain: ${key}`);
          return `'$.${key}'`;
        })
        .join(', ');
    const cases = entities.map((e) => `WHEN '${e}' THEN json_extract(r.fields, ${paths(kept[e] ?? [])})`).join(' ');
    // The accounts join only when accounts are read: SQLite probes the accounts key for every row of a LEFT JOIN,
    // even with its `r.entity = 'account'` term false, which made reading 1.8M children ~3x slower (H9).
    const account = entities.includes('account')
      ? {
          columns: `CASE WHEN a.grades IS NULL THEN NULL
             ELSE json_extract(a.grades, '$.score.value', '$.score.band', '$.qualification') END AS grade,
           a.id, a.owner, a.team, a.locked, a.owner_since, a.lapses_at, NULL AS grades,
           CASE WHEN a.id IS NULL THEN NULL ELSE ${SHARED} END AS shared`,
          join: `LEFT JOIN accounts a ON r.entity = 'account' AND a.id = r.id`,
        }
      : { columns: 'NULL AS grade', join: '' };
    // Rows as arrays (`raw`): better-sqlite3 then makes no object per row, ~15% of the statement's time (H9).
    const rows = this.q(
      `SELECT r.entity, r.id AS rid, r.version, r.deleted, CASE r.entity ${cases} END AS kept, ${account.columns}
       FROM records r ${account.join}
       WHERE ${where} (${entities.map((e) => `'${e}'`).join(', ')})
       ORDER BY ${order} LIMIT ?`,
    )
      .raw(true)
      .all(...params) as ReportRow[];
    const changes: Change[] = new Array(rows.length);
    for (let n = 0; n < rows.length; n++) {
      const row = rows[n] as ReportRow;
      const [entity, id, version, deleted, keptJson, grade] = row;
      if (deleted === 1) {
        changes[n] = { entity, id, version, deleted: true, fields: {}, hlcs: {} };
        continue;
      }
      const keys = kept[entity] ?? [];
      const values = JSON.parse(keptJson ?? '[]') as unknown[];
      const fields: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const value = values[i];
        if (value !== null && value !== undefined) fields[keys[i] as string] = value;
      }
      if (entity === 'account') {
        const [, , , , , , accountId, owner, team, locked, ownerSince, lapsesAt, , shared] = row;
        const ownership = accountId
          ? ownershipOf({
              id: accountId,
              owner: owner ?? null,
              team: team ?? null,
              locked: locked ?? 0,
              owner_since: ownerSince ?? null,
              lapses_at: lapsesAt ?? null,
              grades: null,
              shared: shared ?? null,
            })
          : { owner: null, team: null, lockedOwner: false, ownerSince: null, lapsesAt: null, sharedWith: [] };
        const [value, band, qualification] = grade ? (JSON.parse(grade) as unknown[]) : [];
        const grades = grade ? { score: { value, band }, qualification } : null;
        Object.assign(fields, ownership, { grades });
      }
      changes[n] = { entity, id, version, deleted: false, fields, hlcs: {} };
    }
    return changes;
  }
}

/** The counters rows of the last completed full re-score. */
const RESCORE_COUNTERS = `'rescore_rule_version', 'rescore_revision', 'rescore_at'`;

class Rollback extends Error {
  constructor(readonly outcome: PushOutcome) {
    super(outcome.kind);
  }
}

function toStored(row: RecordRow): StoredRecord {
  return {
    state: {
      fields: JSON.parse(row.fields) as Record<string, unknown>,
      hlcs: JSON.parse(row.hlcs) as Record<string, string>,
      deletedHlc: row.deleted_hlc,
    },
    accountId: row.account_id,
    createdBy: row.created_by,
  };
}

function toChange(row: PullRow): Change {
  if (row.deleted === 1)
    return { entity: row.entity, id: row.rid, version: row.version, deleted: true, fields: {}, hlcs: {} };
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  if (row.entity === 'account') {
    const ownership = row.id
      ? ownershipOf(row)
      : { owner: null, team: null, lockedOwner: false, ownerSince: null, lapsesAt: null, sharedWith: [] };
    Object.assign(fields, ownership, { grades: row.grades ? JSON.parse(row.grades) : null });
  }
  const hlcs = JSON.parse(row.hlcs) as Record<string, string>;
  return { entity: row.entity, id: row.rid, version: row.version, deleted: false, fields, hlcs };
}

function actorParams(actor: User) {
  return {
    admin: actor.role === 'admin' ? 1 : 0,
    manager: actor.role === 'manager' ? 1 : 0,
    uid: actor.id,
    name: actor.name,
    team: actor.team,
  };
}

/** Separates search keys in `record_search.keys` (a character no name contains). */
const SEP = '\u001f';

/** The fields lookup keys are made of (lookup-keys.ts), compared without computing the keys. */
const KEY_FIELDS = ['name', 'emails', 'phones', 'domains', 'website'] as const;
function sameKeyFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return KEY_FIELDS.every((field) => a[field] === b[field] || JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

/** A record's keys as stored: lookup keys by `kind␟value`, and its search keys joined as one
 * `record_search.keys` value, between unit separators, so `LIKE '%␟zs␟%'` matches one whole key and `'%␟zs%'`
 * a key's prefix ('' when it has none). */
function splitKeys(keys: readonly { kind: LookupKind; value: string }[]): {
  lookup: Map<string, [LookupKind, string]>;
  search: string;
} {
  const lookup = new Map<string, [LookupKind, string]>();
  const search: string[] = [];
  for (const { kind, value } of keys) {
    if (kind === 'search') search.push(value);
    else lookup.set(`${kind}${SEP}${value}`, [kind, value]);
  }
  return { lookup, search: search.length > 0 ? `${SEP}${search.join(SEP)}${SEP}` : '' };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
