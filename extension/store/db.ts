import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { EntityName } from '../../shared/schema/entities';
import type { Mutation } from '../../shared/schema/sync/mutation';
import { lookupKeys } from './lookup-keys';

/**
 * One stored record of any entity. `fields` is the record's current state as the wire names it (client-writable
 * fields plus, for accounts, the server-owned ones). The other properties are lookup keys derived from `fields`
 * on every write (see lookup-keys.ts), kept top-level so Dexie can index them (multi-entry for the arrays).
 */
export interface StoredRecord {
  id: string;
  fields: Record<string, unknown>;
  /** E-mail addresses, normalised (contacts). */
  emails: string[];
  /** E.164 numbers without extension (accounts, contacts). */
  phones: string[];
  /** Registrable domains (accounts: `domains[]` and the website's). */
  domains: string[];
  /** Normalised company name (accounts), '' when none. */
  company: string;
  /** Search keys: folded name, pinyin and initials, prefixes of which are searched. */
  search: string[];
  /** The account a child record hangs off ('' for accounts themselves). */
  accountId: string;
  owner: string;
  status: string;
  /** ISO time of the last local or pulled write. */
  updatedAt: string;
  /** Activities: the next meeting's time ('' when none), to find the next meeting without a scan. */
  nextAt: string;
  /** Activities etc.: `fields.at` ('' when none), for the history timeline. */
  at: string;
  /**
   * The server's state of the record while local changes are queued on top of it: absent when `fields` is the
   * server's state, null for a record created here and not yet pulled back. When the queued changes are
   * acknowledged and the server did not take them (an older HLC lost), no new version comes down, so the record
   * settles back to this (see settle.ts).
   */
  base?: Record<string, unknown> | null;
}

/** A queued local change: exactly the wire mutation of DESIGN §9 (seq per client, contiguous from 1). */
export type OutboxEntry = Mutation;

/** The HLC of the last local write of each field of one record (per-field last-writer-wins). */
export interface FieldClocks {
  entity: EntityName;
  id: string;
  hlcs: Record<string, string>;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Table name per wire entity name. */
export const entityTables = {
  account: 'accounts',
  contact: 'contacts',
  activity: 'activities',
  opportunity: 'opportunities',
  transaction: 'transactions',
  complaint: 'complaints',
  survey: 'surveys',
} as const satisfies Record<EntityName, string>;
export type EntityTableName = (typeof entityTables)[EntityName];

export const DEFAULT_DB_NAME = 'leadcard';

/**
 * The rep's working copy (DESIGN §8), opened only in the extension's own origin (background, popup, options):
 * a content script that opened it would get the web page's database (Dexie issue 233).
 */
export class LeadcardDb extends Dexie {
  accounts!: Table<StoredRecord, string>;
  contacts!: Table<StoredRecord, string>;
  activities!: Table<StoredRecord, string>;
  opportunities!: Table<StoredRecord, string>;
  transactions!: Table<StoredRecord, string>;
  complaints!: Table<StoredRecord, string>;
  surveys!: Table<StoredRecord, string>;
  outbox!: Table<OutboxEntry, number>;
  clocks!: Table<FieldClocks, [EntityName, string]>;
  meta!: Table<MetaRow, string>;

  constructor(name: string = DEFAULT_DB_NAME, options?: DexieOptions) {
    super(name, options);
    // Old versions stay listed (Dexie needs them to upgrade a database that is several versions behind).
    this.version(1).stores({
      accounts: 'id, *domains, *phones, company, owner, status, updatedAt',
      contacts: 'id, accountId, *emails, *phones, updatedAt',
      activities: 'id, accountId, [accountId+at], updatedAt',
      opportunities: 'id, accountId, status, updatedAt',
      transactions: 'id, accountId, updatedAt',
      complaints: 'id, accountId, updatedAt',
      surveys: 'id, accountId, updatedAt',
      outbox: 'seq, [entity+id]',
      clocks: '[entity+id]',
      meta: 'key',
    });
    // v2: pinyin/initials search keys on accounts and contacts, next-meeting index on activities. The upgrade
    // fills the new keys of records written by v1 (their `search`/`nextAt` were not computed then).
    this.version(2)
      .stores({
        accounts: 'id, *domains, *phones, company, *search, owner, status, updatedAt',
        contacts: 'id, accountId, *emails, *phones, *search, updatedAt',
        activities: 'id, accountId, [accountId+at], nextAt, updatedAt',
      })
      .upgrade(async (tx) => {
        for (const [entity, table] of [
          ['account', 'accounts'],
          ['contact', 'contacts'],
          ['activity', 'activities'],
        ] as const) {
          await tx
            .table<StoredRecord, string>(table)
            .toCollection()
            .modify((record) => {
              Object.assign(record, lookupKeys(entity, record.fields));
            });
        }
      });
  }

  tableOf(entity: EntityName): Table<StoredRecord, string> {
    return this.table(entityTables[entity]);
  }

  /** Every entity table, for transactions that may touch any of them. */
  get entityTableList(): Table<StoredRecord, string>[] {
    return Object.values(entityTables).map((name) => this.table(name));
  }
}
