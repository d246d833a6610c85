import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { HybridLogicalClock } from '../../shared/hlc/hlc';
import { uuidv7 } from '../../shared/id/uuidv7';
import type { Mutation } from '../../shared/schema/sync/mutation';
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

/** Values of `incoming` that fill a blank of `existing` or add to one of its lists: a merge never overwrites. */
function mergeFields(existing: Record<string, unknown>, incoming: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(incoming)) {
    const current = existing[field];
    if (Array.isArray(value)) {
      const have = Array.isArray(current) ? current : [];
      const added = value.filter((v) => !have.includes(v));
      if (added.length) out[field] = [...have, ...added];
    } else if (current === undefined || current === null || current === '') out[field] = value;
  }
  return out;
}

/** Imports drafts as `owner`: new cards are theirs; a card that exists (same domain or name) is merged into. */
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
  for (const draft of drafts) {
    const accountKeys: LookupKey[] = [
      ...((draft.account.domains as string[] | undefined) ?? []).map((value) => ({
        kind: 'domain' as const,
        value,
        match: 'exact' as const,
      })),
      { kind: 'name', value: nameKey(String(draft.account.name)), match: 'exact' },
    ];
    const [found] = await storage.findRecords('account', accountKeys, 1);
    const mutations: Omit<Mutation, 'seq'>[] = [];
    let accountId: string;
    if (found) {
      accountId = found.id;
      const view = await storage.account(accountId);
      if (!view || !canWrite(owner, view.ownership)) {
        result.skipped.push({
          line: draft.line,
          message: `the card exists and belongs to ${view?.ownership.owner ?? 'another team'}`,
        });
        continue;
      }
      const fields = mergeFields(view.fields, draft.account);
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
      const contactKeys: LookupKey[] = [
        ...((draft.contact.emails as string[] | undefined) ?? []).map((value) => ({
          kind: 'email' as const,
          value,
          match: 'exact' as const,
        })),
        ...((draft.contact.phones as string[] | undefined) ?? []).map((value) => ({
          kind: 'phone' as const,
          value: value.split(';')[0] ?? value,
          match: 'exact' as const,
        })),
        { kind: 'name', value: nameKey(String(draft.contact.name)), match: 'exact' },
      ];
      const sameAccount = (await storage.findRecords('contact', contactKeys, 20)).find(
        (r) => r.accountId === accountId,
      );
      if (sameAccount) {
        const existing = await storage.record('contact', sameAccount.id);
        const fields = mergeFields(existing?.fields ?? {}, draft.contact);
        if (Object.keys(fields).length)
          mutations.push({ hlc: clock.now(), entity: 'contact', id: sameAccount.id, op: 'upsert', fields });
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
    if (found) result.merged++;
    else result.created++;
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
      rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
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
      writeFileSync(file, stringify([[...CARD_CSV_HEADER], ...rows], { bom: true }));
      io.out(`Exported ${cards.length} cards (${rows.length} rows) to ${file}\n`);
    }
    return 0;
  } finally {
    await storage.close();
  }
}
