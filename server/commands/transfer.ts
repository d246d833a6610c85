import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HybridLogicalClock } from '../../shared/hlc/hlc';
import { uuidv7 } from '../../shared/id/uuidv7';
import type { MatchableAccount, MatchableContact } from '../../shared/match/types';
import type { Mutation } from '../../shared/schema/sync/mutation';
import { csvRecords, csvText } from '../../shared/transfer/csv-text';
import { fillBlanks, isProvisional, planImport } from '../../shared/transfer/import-plan';
import { canWrite } from '../access';
import { CliError } from '../cli-error';
import type { LookupKey, Storage, User } from '../db/storage';
import { nameKey } from '../lookup-keys';
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

/**
 * Imports drafts as `owner`: the plan of shared/transfer (matching with shared/match, as the extension does)
 * says which rows make new cards and which merge into existing ones (a merge never overwrites, it fills blanks and
 * adds to lists); a card the owner may not write is skipped with its owner named.
 */
export async function importDrafts(
  storage: Storage,
  owner: User,
  drafts: CardDraft[],
  now: () => Date = () => new Date(),
): Promise<{ created: number; merged: number; unchanged: number; skipped: { line: number; message: string }[] }> {
  const clock = new HybridLogicalClock('import', () => now().getTime());
  const clientId = randomUUID();
  const newId = () => uuidv7(now().getTime(), randomBytes);
  let seq = 0;
  const result = { created: 0, merged: 0, unchanged: 0, skipped: [] as { line: number; message: string }[] };
  const plan = planImport(
    drafts.map((draft) => ({ ok: true as const, draft })),
    await matchableCards(storage, drafts),
  );
  // Provisional ids of rows planned as new → the ids they were written with (absent: the row was refused).
  const written = new Map<string, string>();
  for (const row of plan.rows) {
    if (row.action === 'invalid') continue;
    const { draft } = row;
    const mutations: Omit<Mutation, 'seq'>[] = [];
    let accountId: string;
    let contactId: string | null = null;
    if (row.action === 'merge') {
      const target = isProvisional(row.accountId) ? written.get(row.accountId) : row.accountId;
      if (!target) {
        result.skipped.push({ line: draft.line, message: 'the card of an earlier line was not imported' });
        continue;
      }
      accountId = target;
      contactId = row.contactId && !isProvisional(row.contactId) ? row.contactId : null;
      const view = await storage.account(accountId);
      if (!view || !canWrite(owner, view.ownership)) {
        result.skipped.push({
          line: draft.line,
          message: `the card exists and belongs to ${view?.ownership.owner ?? 'another team'}`,
        });
        continue;
      }
      const fields = fillBlanks(view.fields, draft.account);
      if (Object.keys(fields).length)
        mutations.push({ hlc: clock.now(), entity: 'account', id: accountId, op: 'upsert', fields });
    } else {
      accountId = newId();
      mutations.push({
        hlc: clock.now(),
        entity: 'account',
        id: accountId,
        op: 'upsert',
        fields: { status: 'lead', source: 'other', ...draft.account },
      });
    }
    if (draft.contact) {
      // A contact of this account with the same name is the same person (the matcher keys contacts by email and
      // phone only; a list without them names the person once per row).
      if (contactId === null && row.action === 'merge') {
        const byName = await storage.findRecords(
          'contact',
          [{ kind: 'name', value: nameKey(String(draft.contact.name)), match: 'exact' }],
          20,
        );
        contactId = byName.find((r) => r.accountId === accountId)?.id ?? null;
      }
      if (contactId) {
        const existing = await storage.record('contact', contactId);
        const fields = fillBlanks(existing?.fields ?? {}, draft.contact);
        if (Object.keys(fields).length)
          mutations.push({ hlc: clock.now(), entity: 'contact', id: contactId, op: 'upsert', fields });
      } else {
        mutations.push({
          hlc: clock.now(),
          entity: 'contact',
          id: newId(),
          op: 'upsert',
          fields: { isPrimary: false, ...draft.contact, accountId },
        });
      }
    }
    if (mutations.length === 0) {
      result.unchanged++;
      continue;
    }
    const outcome = await storage.push({
      actor: owner,
      clientId,
      mutations: mutations.map((m) => ({ ...m, seq: ++seq })),
      now: now().toISOString(),
      lapseFrom: (status) => defaultLapseRule(status, now()),
    });
    if (outcome.kind !== 'applied') {
      seq = outcome.ackedSeq;
      result.skipped.push({ line: draft.line, message: `refused (${outcome.kind})` });
      continue;
    }
    if (row.action === 'new') {
      written.set(row.ref, accountId);
      result.created++;
    } else result.merged++;
  }
  return result;
}

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
