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
import type { StoreEnv } from './meta';
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

/**
 * Writes a previewed plan through the store (each change with its outbox mutation, see local-change.ts): new rows
 * become new cards, merges fill blanks and add to lists of the card they matched, never overwriting.
 */
export async function applyImport(db: LeadcardDb, env: StoreEnv, plan: ImportPlan): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { created: 0, merged: 0, unchanged: 0 };
  const written = new Map<string, string>();
  for (const row of plan.rows) {
    if (row.action === 'invalid') continue;
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
      written.set(row.ref, accountId);
      changed = true;
    } else {
      accountId = (isProvisional(row.accountId) ? written.get(row.accountId) : row.accountId) ?? '';
      const existing = await db.accounts.get(accountId);
      if (!existing) continue;
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
          : (await db.contacts.where('accountId').equals(accountId).toArray()).find(
              (c) => c.fields.name === contactName,
            );
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
    if (row.action === 'new') outcome.created++;
    else if (changed) outcome.merged++;
    else outcome.unchanged++;
  }
  return outcome;
}
