import type { EntityName, Grades } from '../../shared/schema/entities';
import type { Change } from '../../shared/schema/sync/pull';
import type { RecordState } from '../sync/merge';

/**
 * The server's storage, as the routes and the CLI see it. All SQL lives behind this interface (SQLite today in
 * ./sqlite.ts; a PostgreSQL implementation can satisfy the same contract and run the same suite in
 * ./storage.suite.ts). Methods are coarse-grained and asynchronous so a networked database fits: one call is
 * one transaction, so "nothing is half-written" holds by construction.
 */
export interface Storage {
  /** Applies the pending numbered migrations; returns the numbers applied now. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;

  // ── users, teams, tokens ─────────────────────────────────────────────────────────────────────────────
  createUser(user: NewUser): Promise<User | 'exists'>;
  userByName(name: string): Promise<UserWithSecret | undefined>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  setPasswordHash(userName: string, passwordHash: string): Promise<boolean>;
  createToken(token: NewToken): Promise<void>;
  /** The user a live (not revoked, not expired) token hash belongs to. */
  userByTokenHash(hash: string, now: Date): Promise<User | undefined>;
  /** Revokes one token (by id or hash), or every token of a user (of one kind); returns how many. */
  revokeTokens(filter: TokenFilter, now: Date): Promise<number>;
  listTokens(userName: string): Promise<TokenInfo[]>;
  /** Every user with whether they are disabled and how many live device/API tokens they hold (users admin). */
  userDirectory(): Promise<DirectoryUser[]>;
  /** Disables (`at`: when; every token of the user is revoked with it) or enables (null) a user; false: no such user. */
  setUserDisabled(userName: string, at: Date | null): Promise<boolean>;
  /** How many records (any entity, tombstones included) the database holds: 0 for a fresh one (`seed --demo`). */
  countRecords(): Promise<number>;

  // ── sync ─────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Applies one push batch atomically: all of it or (on a gap or a forbidden write) none of it.
   * `plan` is the pure merge/permission logic (../sync/apply.ts), called inside the transaction.
   */
  push(batch: PushBatch): Promise<PushOutcome>;
  /**
   * Up to `max` visible changes with version > `after`, in version order (one bounded chunk of a pull), each with
   * the HLC of every client-written field (`hlcs`) so that clients merge per field.
   */
  pullChunk(actor: User, after: number, max: number): Promise<Change[]>;

  // ── accounts, lookup, ownership ──────────────────────────────────────────────────────────────────────
  /** An account and its ownership, whether or not the actor may see it (callers check `canSee`). */
  account(id: string): Promise<AccountView | undefined>;
  /** The live child records of an account, newest first per entity, at most `limit` per entity. */
  accountChildren(accountId: string, limit: number): Promise<ChildRecord[]>;
  /** Account ids matching lookup keys (any of them), with the best rank each matched by (lower is better). */
  findAccounts(keys: LookupKey[], limit: number): Promise<{ accountId: string; rank: number }[]>;
  /** Live records of one entity matching lookup keys (any of them), best rank first. */
  findRecords(
    entity: EntityName,
    keys: LookupKey[],
    limit: number,
  ): Promise<{ id: string; accountId: string | null }[]>;
  /** One record's current fields, or undefined when unknown (deleted records answer `deleted: true`). */
  record(entity: EntityName, id: string): Promise<{ fields: Record<string, unknown>; deleted: boolean } | undefined>;
  /** Ids of every live account, oldest first (export). */
  accountIds(): Promise<string[]>;
  /** Number of accounts with status `lead` owned by a user (the 500-lead cap of DESIGN §5). */
  countOwnedLeads(userName: string): Promise<number>;
  /**
   * Changes an account's ownership and records it as an `ownership` activity, in one transaction; bumps the
   * version of the account and its children so that their new viewers pull them, and records who no longer sees
   * them so that their next pull tombstones them (every ownership path — claim, release, assign, lock,
   * share, lapse — goes through here).
   */
  changeOwnership(change: OwnershipChange): Promise<AccountView | 'conflict'>;
  /** Accounts whose lapse date has passed (not locked, owned): moved to their team's pool by the caller. */
  lapsedAccounts(now: Date, limit: number): Promise<string[]>;
  /** Writes server-owned grades (the scoring seam) and bumps the account's version. */
  setGrades(accountId: string, grades: Grades | null): Promise<void>;
  /** Sets the lapse date (a follow-up by the owner pushes it out). */
  setLapse(accountId: string, lapsesAt: string | null): Promise<void>;

  // ── operations ───────────────────────────────────────────────────────────────────────────────────────
  /** A consistent copy of the whole database, taken while it is in use. */
  backup(file: string): Promise<void>;

  // ── scoring rules and batch re-scoring (server/scoring/) ─────────────────────────────────────────────
  /** Every stored rule document, oldest first (version 1 = the defaults, written by a migration). */
  ruleDocuments(): Promise<StoredRuleDocument[]>;
  /** Stores a new rule version (never edits one); 'exists' when that version is taken (nothing written). */
  addRuleDocument(document: StoredRuleDocument): Promise<StoredRuleDocument | 'exists'>;
  /** Every live transaction of a live account (population statistics of the batch re-score). */
  accountTransactions(): Promise<{ accountId: string; fields: Record<string, unknown> }[]>;
  /** The live accounts among `ids`, each with its live child records (one chunk of a batch re-score). */
  scoringCards(ids: readonly string[]): Promise<ScoringCard[]>;
  /**
   * Writes many accounts' grades in one transaction, each only if the account is still at `version` (a push
   * since then graded it itself), bumping the version of each one written. Returns how many were written.
   */
  setGradesMany(entries: readonly { accountId: string; version: number; grades: Grades }[]): Promise<number>;
  /**
   * Writes records on the server's own behalf (a lead's conversion), merged per field by HLC like a push, in one
   * transaction that also grades the accounts written. 'conflict' (nothing written) when `expect` no longer
   * holds or a newer write of a field would win over this one.
   */
  writeAsServer(write: ServerWrite): Promise<'written' | 'conflict'>;

  // ── access loss ───────────────────────────────────────────────────────────────────────────
  /**
   * Changes a user's team and role only (the accounts they own stay; `moveUser` moves them too) and, in the same
   * transaction, tombstones for their next pull what they no longer see and re-versions what they see only now.
   * (`changeOwnership` does the same for an account's readers.) undefined: no such user.
   */
  changeUserAccess(userName: string, next: { role: Role; team: string | null }): Promise<User | undefined>;

  // ── start-up re-score and the reports' index (server/scoring/scoring.ts, server/reports/report-index.ts) ──
  /** The last full re-score that completed (rule version, scoring-code revision, when); null: none recorded. */
  lastFullRescore(): Promise<FullRescoreMark | null>;
  /** Records a completed full re-score (an interrupted one is never recorded, so the next start runs it again). */
  setLastFullRescore(mark: FullRescoreMark): Promise<void>;
  /** Whether some live account has no grades yet (written by a command that does not grade, such as an import). */
  hasUngradedAccounts(): Promise<boolean>;
  /**
   * `accountTransactions` in chunks: the live transactions of live accounts with id > `after`, at most `max`, by
   * id (the background population batch reads them between requests instead of in one long synchronous read).
   */
  accountTransactionsAfter(
    after: string,
    max: number,
  ): Promise<{ id: string; accountId: string; fields: Record<string, unknown> }[]>;
  /**
   * Like `pullChunk` for an admin, but each record carries only the fields the reports keep (top-level keys whose
   * value is missing or null are left out) and an account its ownership and grades: the reports' index reads the
   * whole database at start, and parsing every record's full JSON dominated that. Each change's `fields` is a
   * fresh object the caller may keep as it is (the index does, instead of copying 1.9M of them at start).
   */
  reportChanges(after: number, max: number, kept: ReportFieldsByEntity): Promise<Change[]>;
  /**
   * The live records of the kept entities after `after` in (entity, id) order, at most `max`, shaped as
   * `reportChanges` shapes them, with the change-log version they reflect at least: the index's first build reads
   * the table front to back (cheaper than in version order), then catches up from that version.
   */
  reportScan(
    after: { entity: EntityName; id: string } | null,
    max: number,
    kept: ReportFieldsByEntity,
  ): Promise<{ version: number; changes: Change[] }>;

  // ── teams administration ──────────────────────────────────────────────────────────────────
  /** Every team with its members and how many live accounts it owns and holds in its public pool (公海). */
  listTeams(): Promise<TeamSummary[]>;
  /** Creates an empty team; 'exists' when the name is taken (nothing written). */
  createTeam(name: string, createdAt: string): Promise<'created' | 'exists'>;
  /**
   * Renames a team in one transaction: its users, its accounts' `team` and `team:NAME` shares all follow, and
   * every account whose ownership changed gets a new version so that the team's extensions pull the new name.
   */
  renameTeam(from: string, to: string): Promise<{ accounts: number } | 'missing' | 'exists'>;
  /** Deletes a team that has no users and no live accounts; else says how many hold it (nothing written). */
  deleteTeam(name: string): Promise<'deleted' | 'missing' | { users: number; accounts: number }>;
  /**
   * Moves a user to a team (and role) in one transaction; the live accounts they own follow them (to a non-null
   * team), each with new versions for it and its children and an `ownership` activity made by `activity`.
   */
  moveUser(
    move: TeamMove,
  ): Promise<{ user: User; from: string | null; accounts: string[] } | 'missing-user' | 'missing-team'>;
}

export type Role = 'rep' | 'manager' | 'admin';
export const roles: readonly Role[] = ['rep', 'manager', 'admin'];

export interface User {
  id: string;
  name: string;
  role: Role;
  team: string | null;
  createdAt: string;
}
export interface UserWithSecret extends User {
  passwordHash: string;
  /** When an admin disabled the user (they cannot sign in), else null. */
  disabledAt?: string | null;
}
export interface DirectoryUser extends User {
  disabledAt: string | null;
  /** Live device and API tokens. */
  devices: number;
}
export interface NewUser {
  id: string;
  name: string;
  role: Role;
  team: string | null;
  passwordHash: string;
  createdAt: string;
}

export type TokenKind = 'api' | 'device' | 'session';
export interface NewToken {
  id: string;
  userName: string;
  kind: TokenKind;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  hash: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
}
export type TokenFilter = { id: string } | { hash: string } | { userName: string; kind?: TokenKind };
export interface TokenInfo {
  id: string;
  kind: TokenKind;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Ownership of an account (公海 rules, DESIGN §5) as the server keeps it. */
export interface AccountOwnership {
  owner: string | null;
  team: string | null;
  lockedOwner: boolean;
  ownerSince: string | null;
  lapsesAt: string | null;
  /** User names, and `team:NAME` for a whole team. */
  sharedWith: string[];
}

export interface AccountView {
  id: string;
  version: number;
  deleted: boolean;
  fields: Record<string, unknown>;
  ownership: AccountOwnership;
  grades: Grades | null;
  createdBy: string;
}

export interface ChildRecord {
  entity: EntityName;
  id: string;
  version: number;
  fields: Record<string, unknown>;
}

export type LookupKind = 'email' | 'phone' | 'domain' | 'name' | 'search';
export type LookupKey = { kind: LookupKind; value: string; match: 'exact' | 'prefix' | 'contains' };

export interface OwnershipChange {
  accountId: string;
  /** Compare-and-set: the change applies only if the owner is still this one (else 'conflict', nothing written). */
  expectedOwner?: string | null;
  ownership: Pick<AccountOwnership, 'owner' | 'team' | 'lockedOwner' | 'ownerSince' | 'lapsesAt'> & {
    sharedWith?: string[];
  };
  /** The `ownership` activity recorded on the card. */
  activity: { id: string; hlc: string; fields: Record<string, unknown>; createdBy: string };
}

/** What the merge logic needs to know about an account to decide who may write to it. */
export interface AccountAccess {
  id: string;
  ownership: AccountOwnership;
  status: unknown;
}

export interface PushBatch {
  actor: User;
  clientId: string;
  mutations: readonly import('../../shared/schema/sync/mutation').Mutation[];
  /** ISO time of the push, for new accounts' ownership. */
  now: string;
  /** Lapse date of a newly created or followed-up account of this status (null: never lapses). */
  lapseFrom: (status: unknown) => string | null;
  /** Grades each changed account inside the push's transaction (server/scoring/); absent: no grading. */
  score?: (card: { account: AccountView; children: ChildRecord[] }, now: Date) => Grades | null;
}

export type PushOutcome =
  | { kind: 'applied'; ackedSeq: number; changedAccounts: string[] }
  | { kind: 'gap'; ackedSeq: number; expected: number }
  | { kind: 'forbidden'; index: number; entity: EntityName; id: string; ackedSeq: number }
  /** A mutation the domain refuses (a lead status move off the flow, server/scoring/lead-status.ts). */
  | {
      kind: 'refused';
      index: number;
      status: 400 | 409;
      code: string;
      field: string;
      message: string;
      ackedSeq: number;
    };

export type { RecordState };

/** A stored rule document (DESIGN §4): `rules` is validated by shared/scoring's schema before it is stored. */
export interface StoredRuleDocument {
  version: number;
  createdAt: string;
  createdBy: string;
  rules: unknown;
}

/** An account with its live child records, as the batch re-score reads it. */
export interface ScoringCard {
  id: string;
  version: number;
  fields: Record<string, unknown>;
  grades: Grades | null;
  children: { entity: EntityName; fields: Record<string, unknown> }[];
}

/** Records the server writes itself (`Storage.writeAsServer`). */
export interface ServerWrite {
  records: {
    entity: EntityName;
    id: string;
    accountId: string;
    hlc: string;
    fields: Record<string, unknown>;
    createdBy: string;
  }[];
  /** Compare-and-set: the record's field must still hold this value. */
  expect?: { entity: EntityName; id: string; field: string; value: unknown };
  /** ISO time of the write (grading). */
  now: string;
  score?: PushBatch['score'];
}

// ── teams administration ────────────────────────────────────────────────────────────────────

export interface TeamMember {
  name: string;
  role: Role;
  disabled: boolean;
}
export interface TeamSummary {
  name: string;
  createdAt: string;
  /** By role (manager, rep, admin), then name. */
  members: TeamMember[];
  /** Live accounts of the team that a rep owns. */
  ownedAccounts: number;
  /** Live accounts of the team without an owner: the public pool (公海). */
  pool: number;
}
export interface TeamMove {
  userName: string;
  /** The new team (must exist); null only for an admin. */
  team: string | null;
  role: Role;
  /** The `ownership` activity recorded on each account that moves with the user (`from`: its previous team). */
  activity: (accountId: string, from: string | null) => OwnershipChange['activity'];
}

/** When the last full re-score completed (UTC ms) and with which rule version and scoring-code revision. */
export interface FullRescoreMark {
  ruleVersion: number;
  revision: number;
  at: number;
}

/** Per entity, the top-level fields the reports keep; records of entities not listed are not read. */
export type ReportFieldsByEntity = Partial<Record<EntityName, readonly string[]>>;
