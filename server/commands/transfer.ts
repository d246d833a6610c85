import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HybridLogicalClock } from '../../shared/hlc/hlc';
import { uuidv7 } from '../../shared/id/uuidv7';
import type { MatchableAccount, MatchableContact } from '../../shared/match/types';
import type { Mutation } from '../../shared/schema/sync/mutation';
import { csvRecords, csvText } from '../../shared/transfer/csv-text';
import { fillBlanks, isProvisional, type PlannedRow, planImport } from '../../shared/transfer/import-plan';
import { canWrite } from '../access';
import { CliError } from '../cli-error';
import type { LookupKey, Storage, User } from '../db/storage';
import { nameKey, recordKeys } from '../lookup-keys';
import { openData } from '../main';
import { defaultLapseRule } from '../ownership/lapse';
import {
  CARD_CSV_HEADER,
  type CardDraft,
  cardCsvRows,
  type DraftResult,
  draftsFromCsv,
  draftsFromVcard,
} from '../transfer/cards';

type Io = { out: (text: string) => void; err: (text: string) => void };
const defaultIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** The existing cards that share a lookup key with some draft, as shared/match sees them. */
async function matchableCards(
  storage: Storage,
  drafts: CardDraft[],
): Promise<{ accounts: MatchableAccount[]; contacts: MatchableContact[] }> {
  const accountIds = new Set<string>();
  const contactIds = new Set<string>();
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const exact = <K extends LookupKey['kind']>(kind: K, value: string): LookupKey => ({ kind, value, match: 'exact' });
  for (const draft of drafts) {
    const accountKeys: LookupKey[] = [
      ...strings(draft.account.domains).map((value) => exact('domain', value)),
      ...strings(draft.account.phones).map((value) => exact('phone', value.split(';')[0] ?? value)),
      exact('name', nameKey(String(draft.account.name))),
    ];
    for (const found of await storage.findRecords('account', accountKeys, 20)) accountIds.add(found.id);
    if (!draft.contact) continue;
    const contactKeys: LookupKey[] = [
      ...strings(draft.contact.emails).map((value) => exact('email', value)),
      ...strings(draft.contact.phones).map((value) => exact('phone', value.split(';')[0] ?? value)),
    ];
    if (contactKeys.length === 0) continue;
    for (const found of await storage.findRecords('contact', contactKeys, 20)) contactIds.add(found.id);
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const accounts: MatchableAccount[] = [];
  for (const id of accountIds) {
    const record = await storage.record('account', id);
    if (!record || record.deleted) continue;
    const f = record.fields;
    accounts.push({
      id,
      name: text(f.name),
      domains: list(f.domains),
      phones: list(f.phones),
      website: text(f.website),
      address: text(f.address),
    });
  }
  const contacts: MatchableContact[] = [];
  for (const id of contactIds) {
    const record = await storage.record('contact', id);
    if (!record || record.deleted) continue;
    const f = record.fields;
    contacts.push({
      id,
      accountId: text(f.accountId),
      name: text(f.name),
      title: text(f.title),
      emails: list(f.emails),
      phones: list(f.phones),
    });
  }
  return { accounts, contacts };
}

/** Rows written per transaction by an import: one commit (an fsync) per row made a 10k-row file take minutes. */
export const IMPORT_BATCH = 500;

type ImportResult = {
  created: number;
  merged: number;
  unchanged: number;
  skipped: { line: number; message: string }[];
};

/** One planned row, staged for the next batch: its mutations, or why it writes nothing. */
type StagedRow =
  | { line: number; kind: 'new' | 'merge'; ref: string | null; accountId: string; mutations: Omit<Mutation, 'seq'>[] }
  | { line: number; kind: 'unchanged' }
  | { line: number; kind: 'skipped'; message: string };

/**
 * What the batch being staged has written so far, so that a later row of the same batch sees it as the database
 * would after a commit: the cards it created (provisional id → id), the fields it gave each record, and the
 * contacts it created under each account by name key.
 */
class PendingBatch {
  readonly created = new Map<string, string>();
  readonly createdAccounts = new Set<string>();
  readonly fields = new Map<string, Record<string, unknown>>();
  readonly contactsByName = new Map<string, string>();
  readonly rows: { planned: Exclude<PlannedRow, { action: 'invalid' }>; staged: StagedRow }[] = [];
  writes = 0;

  fieldsOf(entity: string, id: string): Record<string, unknown> | undefined {
    return this.fields.get(`${entity}:${id}`);
  }
  wrote(entity: string, id: string, before: Record<string, unknown>, patch: Record<string, unknown>): void {
    this.fields.set(`${entity}:${id}`, { ...before, ...patch });
  }
}

/**
 * Imports drafts as `owner`: the plan of shared/transfer (matching with shared/match, as the extension does)
 * says which rows make new cards and which merge into existing ones (a merge never overwrites, it fills blanks and
 * adds to lists); a card the owner may not write is skipped with its owner named.
 *
 * Rows are written `batchSize` at a time, each batch one push (one transaction): all of its rows or none. A row
 * the push refuses is reported by line and the batch is staged again without it (rows that merge into its card
 * are then skipped, as they would be had it been written alone), so a refusal never half-writes a batch.
 */
export async function importDrafts(
  storage: Storage,
  owner: User,
  drafts: CardDraft[],
  now: () => Date = () => new Date(),
  batchSize = IMPORT_BATCH,
): Promise<ImportResult> {
  const clock = new HybridLogicalClock('import', () => now().getTime());
  const clientId = randomUUID();
  const newId = () => uuidv7(now().getTime(), randomBytes);
  let seq = 0;
  const result: ImportResult = { created: 0, merged: 0, unchanged: 0, skipped: [] };
  const plan = planImport(
    drafts.map((draft) => ({ ok: true as const, draft })),
    await matchableCards(storage, drafts),
  );
  // Provisional ids of rows planned as new → the ids they were written with (absent: the row was refused).
  const written = new Map<string, string>();

  /** Decides one row's mutations against the database as the pending batch leaves it. */
  async function stage(row: Exclude<PlannedRow, { action: 'invalid' }>, batch: PendingBatch): Promise<StagedRow> {
    const { draft } = row;
    const line = draft.line;
    const mutations: Omit<Mutation, 'seq'>[] = [];
    let accountId: string;
    let contactId: string | null = null;
    if (row.action === 'merge') {
      const target = isProvisional(row.accountId)
        ? (written.get(row.accountId) ?? batch.created.get(row.accountId))
        : row.accountId;
      if (!target) return { line, kind: 'skipped', message: 'the card of an earlier line was not imported' };
      accountId = target;
      contactId = row.contactId && !isProvisional(row.contactId) ? row.contactId : null;
      let fields: Record<string, unknown>;
      if (batch.createdAccounts.has(accountId)) fields = batch.fieldsOf('account', accountId) ?? {};
      else {
        const view = await storage.account(accountId);
        if (!view || !canWrite(owner, view.ownership))
          return {
            line,
            kind: 'skipped',
            message: `the card exists and belongs to ${view?.ownership.owner ?? 'another team'}`,
          };
        fields = batch.fieldsOf('account', accountId) ?? view.fields;
      }
      const patch = fillBlanks(fields, draft.account);
      if (Object.keys(patch).length) {
        mutations.push({ hlc: clock.now(), entity: 'account', id: accountId, op: 'upsert', fields: patch });
        batch.wrote('account', accountId, fields, patch);
      }
    } else {
      accountId = newId();
      const fields = { status: 'lead', source: 'other', ...draft.account };
      mutations.push({ hlc: clock.now(), entity: 'account', id: accountId, op: 'upsert', fields });
      batch.created.set(row.ref, accountId);
      batch.createdAccounts.add(accountId);
      batch.wrote('account', accountId, {}, fields);
    }
    if (draft.contact) {
      // A contact of this account with the same name is the same person (the matcher keys contacts by email and
      // phone only; a list without them names the person once per row).
      if (contactId === null && row.action === 'merge') {
        const key = nameKey(String(draft.contact.name));
        contactId = batch.contactsByName.get(`${accountId}${SEP}${key}`) ?? null;
        if (contactId === null) {
          const byName = await storage.findRecords('contact', [{ kind: 'name', value: key, match: 'exact' }], 20);
          contactId = byName.find((r) => r.accountId === accountId)?.id ?? null;
        }
      }
      if (contactId) {
        const existing = batch.fieldsOf('contact', contactId) ?? (await storage.record('contact', contactId))?.fields;
        const patch = fillBlanks(existing ?? {}, draft.contact);
        if (Object.keys(patch).length) {
          mutations.push({ hlc: clock.now(), entity: 'contact', id: contactId, op: 'upsert', fields: patch });
          batch.wrote('contact', contactId, existing ?? {}, patch);
        }
      } else {
        const id = newId();
        const fields = { isPrimary: false, ...draft.contact, accountId };
        mutations.push({ hlc: clock.now(), entity: 'contact', id, op: 'upsert', fields });
        batch.wrote('contact', id, {}, fields);
        // Found by name later as the lookup would find it: under the name key the server stores for it.
        const stored = recordKeys('contact', fields).find((k) => k.kind === 'name');
        if (stored) batch.contactsByName.set(`${accountId}${SEP}${stored.value}`, id);
      }
    }
    if (mutations.length === 0) return { line, kind: 'unchanged' };
    return { line, kind: row.action, ref: row.action === 'new' ? row.ref : null, accountId, mutations };
  }

  async function add(row: Exclude<PlannedRow, { action: 'invalid' }>, batch: PendingBatch): Promise<void> {
    const staged = await stage(row, batch);
    batch.rows.push({ planned: row, staged });
    if ('mutations' in staged) batch.writes++;
  }

  /** Pushes the batch; a refused row is dropped and the rest staged again, until the push applies. */
  async function flush(batch: PendingBatch): Promise<void> {
    for (;;) {
      const mutations: Mutation[] = [];
      const rowOf: number[] = [];
      batch.rows.forEach(({ staged }, index) => {
        if (!('mutations' in staged)) return;
        for (const m of staged.mutations) {
          mutations.push({ ...m, seq: seq + mutations.length + 1 } as Mutation);
          rowOf.push(index);
        }
      });
      const outcome =
        mutations.length === 0
          ? null
          : await storage.push({
              actor: owner,
              clientId,
              mutations,
              now: now().toISOString(),
              lapseFrom: (status) => defaultLapseRule(status, now()),
            });
      if (outcome === null || outcome.kind === 'applied') {
        seq += mutations.length;
        for (const [ref, id] of batch.created) written.set(ref, id);
        for (const { staged } of batch.rows) {
          if (staged.kind === 'skipped') result.skipped.push({ line: staged.line, message: staged.message });
          else if (staged.kind === 'unchanged') result.unchanged++;
          else if (staged.kind === 'new') result.created++;
          else result.merged++;
        }
        return;
      }
      // Nothing of the batch was written. The refused row is reported; the others are staged afresh.
      const refused = 'index' in outcome ? batch.rows[rowOf[outcome.index] ?? -1] : undefined;
      if (!refused) throw new Error(`import batch ${outcome.kind} at seq ${outcome.ackedSeq}`);
      result.skipped.push({ line: refused.staged.line, message: `refused (${outcome.kind})` });
      const again = batch.rows.filter((r) => r !== refused).map((r) => r.planned);
      batch = new PendingBatch();
      for (const row of again) await add(row, batch);
    }
  }

  let batch = new PendingBatch();
  for (const row of plan.rows) {
    if (row.action === 'invalid') continue;
    await add(row, batch);
    if (batch.writes >= batchSize) {
      await flush(batch);
      batch = new PendingBatch();
    }
  }
  await flush(batch);
  result.skipped.sort((a, b) => a.line - b.line);
  return result;
}

/** Separates an account id from a name key in PendingBatch keys (a character neither contains). */
const SEP = '\u001f';

/** `leadcard import FILE.csv|FILE.vcf [--owner NAME] [--data DIR]` */
export async function importCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string', default: './data' }, owner: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length !== 1) throw new CliError(2, 'usage: import FILE.csv|FILE.vcf [--owner NAME]');
  const kind = extname(file).toLowerCase();
  if (kind !== '.csv' && kind !== '.vcf' && kind !== '.vcard') throw new CliError(2, 'import reads .csv or .vcf files');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(1, `cannot read ${file}`);
  }
  let drafts: DraftResult[];
  if (kind === '.csv') {
    let rows: string[][];
    try {
      rows = csvRecords(text);
    } catch (error) {
      throw new CliError(1, `${file} is not valid CSV: ${(error as Error).message}`);
    }
    drafts = draftsFromCsv(rows);
  } else drafts = draftsFromVcard(text);
  const storage = await openData(values.data);
  try {
    const owner = values.owner
      ? await storage.userByName(values.owner)
      : (await storage.listUsers()).find((u) => u.role === 'admin');
    if (!owner)
      throw new CliError(
        1,
        values.owner ? `no user named ${values.owner}` : 'no admin to own the import; pass --owner NAME',
      );
    for (const bad of drafts.filter((d) => !d.ok)) io.err(`line ${bad.line}: ${bad.message}\n`);
    const good = drafts.flatMap((d) => (d.ok ? [d.draft] : []));
    const result = await importDrafts(storage, owner, good);
    for (const skip of result.skipped) io.err(`line ${skip.line}: ${skip.message}\n`);
    io.out(
      `Imported ${result.created} new cards, merged ${result.merged}, unchanged ${result.unchanged}, ` +
        `skipped ${result.skipped.length + drafts.length - good.length} (owner ${owner.name})\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}

/** `leadcard export --format csv|json DIR [--account ID] [--data DIR]` */
export async function exportCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string', default: './data' }, format: { type: 'string' }, account: { type: 'string' } },
  });
  const [dir] = positionals;
  if (!dir || positionals.length !== 1 || (values.format !== 'csv' && values.format !== 'json'))
    throw new CliError(2, 'usage: export --format csv|json DIR [--account ID]');
  const storage = await openData(values.data);
  try {
    const ids = values.account ? [values.account] : await storage.accountIds();
    mkdirSync(dir, { recursive: true });
    const cards = [];
    for (const id of ids) {
      const account = await storage.account(id);
      if (!account || account.deleted) {
        if (values.account) throw new CliError(1, `no account ${id}`);
        continue;
      }
      const children = await storage.accountChildren(id, 1_000_000);
      const of = (entity: string) =>
        children.filter((c) => c.entity === entity).map((c) => ({ id: c.id, ...c.fields }));
      cards.push({
        id,
        ...account.fields,
        ...account.ownership,
        grades: account.grades,
        contacts: of('contact'),
        activities: of('activity'),
        opportunities: of('opportunity'),
        transactions: of('transaction'),
        complaints: of('complaint'),
        surveys: of('survey'),
      });
    }
    if (values.format === 'json') {
      const file = join(dir, 'leadcard-export.json');
      writeFileSync(file, `${JSON.stringify({ exportedAt: new Date().toISOString(), accounts: cards }, null, 2)}\n`);
      io.out(`Exported ${cards.length} cards to ${file}\n`);
    } else {
      const rows = cards.flatMap((card) => cardCsvRows(card, card.contacts));
      const file = join(dir, 'cards.csv');
      writeFileSync(file, csvText([[...CARD_CSV_HEADER], ...rows]));
      io.out(`Exported ${cards.length} cards (${rows.length} rows) to ${file}\n`);
    }
    return 0;
  } finally {
    await storage.close();
  }
}
