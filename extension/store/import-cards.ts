import type { MatchableAccount, MatchableContact } from '../../shared/match/types';
import { normaliseCompanyName } from '../../shared/normalise/company';
import type { AccountFields, ContactFields } from '../../shared/schema/entities';
import {
  type CardDraft,
  type DraftResult,
  draftsFromCsv,
  draftsFromVcard,
  fileKindOf,
} from '../../shared/transfer/card-draft';
import { csvRecords } from '../../shared/transfer/csv-text';
import { fillBlanks, type ImportPlan, isProvisional, planImport } from '../../shared/transfer/import-plan';
import type { LeadcardDb } from './db';
import { saveLocal } from './local-change';
import { phoneLookupKey } from './lookup-keys';
import { matchableAccount, matchableContact } from './matchable';
import { clientIdOf, type StoreEnv } from './meta';
import { newAccountFields, newContactFields } from './new-records';

/** The rows of a CSV (English or Chinese headers) or vCard file; a file that is neither is one invalid row. */
export function draftsFromFile(fileName: string, text: string): DraftResult[] {
  const kind = fileKindOf(fileName);
  if (kind === 'vcard') return draftsFromVcard(text);
  if (kind === null) return [{ ok: false, line: 1, message: `${fileName}: not a .csv or .vcf file` }];
  try {
    return draftsFromCsv(csvRecords(text));
  } catch (error) {
    return [{ ok: false, line: 1, message: `not valid CSV: ${(error as Error).message}` }];
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
/** The stored cards that share an index key (domain, company name, phone, email) with some draft. */
async function cardsSharingKeys(
  db: LeadcardDb,
  drafts: readonly CardDraft[],
): Promise<{ accounts: MatchableAccount[]; contacts: MatchableContact[] }> {
  const domains = new Set<string>();
  const companies = new Set<string>();
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const { account, contact } of drafts) {
    for (const d of strings(account.domains)) domains.add(d);
    const company = typeof account.name === 'string' ? normaliseCompanyName(account.name) : '';
    if (company) companies.add(company);
    for (const p of [...strings(account.phones), ...strings(contact?.phones)]) phones.add(phoneLookupKey(p));
    for (const e of strings(contact?.emails)) emails.add(e);
  }
  const [byDomain, byCompany, byPhone, contacts] = await Promise.all([
    db.accounts
      .where('domains')
      .anyOf([...domains])
      .toArray(),
    db.accounts
      .where('company')
      .anyOf([...companies])
      .toArray(),
    db.accounts
      .where('phones')
      .anyOf([...phones])
      .toArray(),
    Promise.all([
      db.contacts
        .where('emails')
        .anyOf([...emails])
        .toArray(),
      db.contacts
        .where('phones')
        .anyOf([...phones])
        .toArray(),
    ]).then(([a, b]) => [...new Map([...a, ...b].map((c) => [c.id, c])).values()]),
  ]);
  const accounts = new Map([...byDomain, ...byCompany, ...byPhone].map((a) => [a.id, a]));
  return { accounts: [...accounts.values()].map(matchableAccount), contacts: contacts.map(matchableContact) };
}

/** What importing a file would do (new / merge / invalid, with line numbers), read from the store, writing nothing. */
export async function previewImport(db: LeadcardDb, fileName: string, fileText: string): Promise<ImportPlan> {
  const results = draftsFromFile(fileName, fileText);
  const drafts = results.flatMap((r) => (r.ok ? [r.draft] : []));
  return planImport(results, await cardsSharingKeys(db, drafts));
}

export interface ImportOutcome {
  created: number;
  merged: number;
  unchanged: number;
}

/** Rows written per IndexedDB transaction: one transaction per record made a large file crawl. */
export const IMPORT_BATCH = 500;

/**
 * A row's write failed: its batch was rolled back whole (nothing of it is stored), the batches before it stay.
 * `line` names the row, `imported` counts what the earlier batches wrote, `firstLineNotImported` where the import
 * stopped.
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly imported: ImportOutcome,
    readonly firstLineNotImported: number,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

type WritableRow = Exclude<ImportPlan['rows'][number], { action: 'invalid' }>;

/**
 * Writes a previewed plan through the store (each change with its outbox mutation, see local-change.ts): new rows
 * become new cards, merges fill blanks and add to lists of the card they matched, never overwriting.
 * `IMPORT_BATCH` rows share one transaction (the writes of local-change.ts join it), so a batch is stored whole
 * or not at all; a row that fails stops the import with an ImportStoppedError naming its line.
 */
export async function applyImport(
  db: LeadcardDb,
  env: StoreEnv,
  plan: ImportPlan,
  batchSize = IMPORT_BATCH,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { created: 0, merged: 0, unchanged: 0 };
  const written = new Map<string, string>();
  const rows = plan.rows.filter((row): row is WritableRow => row.action !== 'invalid');
  // The client id first, outside the batches: creating it is a write of its own.
  await clientIdOf(db, env);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const counts: ImportOutcome = { created: 0, merged: 0, unchanged: 0 };
    const made = new Map<string, string>();
    let current = batch[0] as WritableRow;
    try {
      await db.transaction('rw', [db.accounts, db.contacts, db.outbox, db.clocks, db.meta], async () => {
        for (const row of batch) {
          current = row;
          const result = await applyRow(db, env, row, (ref) => written.get(ref) ?? made.get(ref), made);
          if (result !== 'skipped') counts[result]++;
        }
      });
    } catch (error) {
      throw new ImportStoppedError(current.line, (error as Error).message, outcome, (batch[0] as WritableRow).line);
    }
    // Committed: the batch's cards and counts count.
    for (const [ref, id] of made) written.set(ref, id);
    outcome.created += counts.created;
    outcome.merged += counts.merged;
    outcome.unchanged += counts.unchanged;
  }
  return outcome;
}

/** Writes one planned row inside the batch's transaction; `cardOf` finds the card an earlier row created. */
async function applyRow(
  db: LeadcardDb,
  env: StoreEnv,
  row: WritableRow,
  cardOf: (ref: string) => string | undefined,
  made: Map<string, string>,
): Promise<keyof ImportOutcome | 'skipped'> {
  const { draft } = row;
  let changed = false;
  let accountId: string;
  if (row.action === 'new') {
    const fields = newAccountFields({
      source: 'other',
      ...(draft.account as Partial<AccountFields>),
      name: String(draft.account.name),
    });
    accountId = (await saveLocal(db, env, 'account', null, fields)).id;
    made.set(row.ref, accountId);
    changed = true;
  } else {
    accountId = (isProvisional(row.accountId) ? cardOf(row.accountId) : row.accountId) ?? '';
    const existing = await db.accounts.get(accountId);
    if (!existing) return 'skipped';
    const patch = fillBlanks(existing.fields, draft.account);
    if (Object.keys(patch).length > 0) {
      await saveLocal(db, env, 'account', accountId, patch);
      changed = true;
    }
  }
  if (draft.contact) {
    const contactName = String(draft.contact.name);
    const known =
      row.action === 'merge' && row.contactId && !isProvisional(row.contactId)
        ? await db.contacts.get(row.contactId)
        : (await db.contacts.where('accountId').equals(accountId).toArray()).find((c) => c.fields.name === contactName);
    if (known) {
      const patch = fillBlanks(known.fields, draft.contact);
      if (Object.keys(patch).length > 0) {
        await saveLocal(db, env, 'contact', known.id, patch);
        changed = true;
      }
    } else {
      await saveLocal(
        db,
        env,
        'contact',
        null,
        newContactFields({ ...(draft.contact as Partial<ContactFields>), accountId, name: contactName }),
      );
      changed = true;
    }
  }
  if (row.action === 'new') return 'created';
  return changed ? 'merged' : 'unchanged';
}
