import { CARD_CSV_HEADER, cardCsvRows } from '../../shared/transfer/card-csv';
import { csvText } from '../../shared/transfer/csv-text';
import type { LeadcardDb, StoredRecord } from './db';

export interface ExportedCard extends Record<string, unknown> {
  id: string;
  contacts: Record<string, unknown>[];
}

const withId = (record: StoredRecord) => ({ id: record.id, ...record.fields });

/** Everything in the store, one entry per card with its children (the shape of `leadcard export --format json`). */
export async function exportCards(db: LeadcardDb): Promise<ExportedCard[]> {
  const [accounts, contacts, activities, opportunities, transactions, complaints, surveys] = await Promise.all([
    db.accounts.toArray(),
    db.contacts.toArray(),
    db.activities.toArray(),
    db.opportunities.toArray(),
    db.transactions.toArray(),
    db.complaints.toArray(),
    db.surveys.toArray(),
  ]);
  const byAccount = (records: StoredRecord[]) => {
    const map = new Map<string, Record<string, unknown>[]>();
    for (const r of records) map.set(r.accountId, [...(map.get(r.accountId) ?? []), withId(r)]);
    return (id: string) => map.get(id) ?? [];
  };
  const of = {
    contacts: byAccount(contacts),
    activities: byAccount(activities),
    opportunities: byAccount(opportunities),
    transactions: byAccount(transactions),
    complaints: byAccount(complaints),
    surveys: byAccount(surveys),
  };
  return accounts.map((account) => ({
    ...withId(account),
    contacts: of.contacts(account.id),
    activities: of.activities(account.id),
    opportunities: of.opportunities(account.id),
    transactions: of.transactions(account.id),
    complaints: of.complaints(account.id),
    surveys: of.surveys(account.id),
  }));
}

/** The JSON export: `{ exportedAt, accounts: [card with contacts, activities, …] }`. */
export function exportJson(cards: readonly ExportedCard[], nowIso: string): string {
  return `${JSON.stringify({ exportedAt: nowIso, accounts: cards }, null, 2)}\n`;
}

/** The CSV export: one row per contact, the header the CLI writes and both imports read back. */
export function exportCsv(cards: readonly ExportedCard[]): string {
  return csvText([[...CARD_CSV_HEADER], ...cards.flatMap((card) => cardCsvRows(card, card.contacts))]);
}
