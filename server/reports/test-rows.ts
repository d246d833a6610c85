import type { Row } from './rows';

let counter = 0;
/** A report row with overrides; ids are UUIDv7 created at `createdMs` (default 2026-01-01). */
export function row(fields: Record<string, unknown>, overrides: Partial<Row> & { createdMs?: number } = {}): Row {
  counter++;
  const ms = overrides.createdMs ?? Date.UTC(2026, 0, 1);
  const hex = ms.toString(16).padStart(12, '0');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${counter.toString(16).padStart(12, '0')}`;
  const { createdMs: _, ...rest } = overrides;
  return { id, accountId: null, owner: 'alice', team: 'east', fields, ...rest };
}

/** Per account, what it bought or complained about: `{ at, amount }` lists as ReportIndex.shared() gives them. */
export function perAccount<T>(items: readonly (T & { accountId: string })[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const { accountId, ...rest } of items) groups.set(accountId, [...(groups.get(accountId) ?? []), rest as T]);
  return groups;
}
