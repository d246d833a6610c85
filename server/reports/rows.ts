import { timeOf } from '../../shared/scoring/time';
import type { User } from '../db/storage';

/**
 * One live record as the reports read it (./report-index.ts): its fields, and its account's owner and team (for an
 * account, `accountId` is its own id). Pushes carry partial fields, so every reader below tolerates a missing or
 * mistyped field instead of trusting the shape.
 */
export type Row = {
  id: string;
  accountId: string | null;
  fields: Record<string, unknown>;
  owner: string | null;
  team: string | null;
  /** `fields.at` parsed once (UTC ms, NaN when missing), for the entities that have one. */
  atMs?: number;
};

/** A row's `at` in UTC ms: parsed once by the index, or here. */
export const atOf = (row: Row): number => row.atMs ?? timeOf(textOf(row.fields.at));

export const textOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
export const amountOf = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Narrowing of the page: by owner (rep) and team. */
export type ReportFilter = { owner?: string | undefined; team?: string | undefined };

/**
 * Whether a row belongs in the actor's reports. Storage already limits rows to what the actor may see; on top of
 * that a rep's reports hold only what they own (the manager page is a bigger view of their own pipeline), and the
 * page's filters narrow by owner and team.
 */
export function inScope(actor: User, filter: ReportFilter): (row: Row) => boolean {
  return (row) =>
    (actor.role !== 'rep' || row.owner === actor.name) &&
    (filter.owner === undefined || row.owner === filter.owner) &&
    (filter.team === undefined || row.team === filter.team);
}

/** The UTC month `YYYY-MM` of an instant. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** `count` consecutive UTC months starting `from` months after the month of `nowMs` (negative: before). */
export function monthRange(nowMs: number, from: number, count: number): string[] {
  const now = new Date(nowMs);
  return Array.from({ length: count }, (_, i) =>
    monthOf(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + from + i, 1)),
  );
}

/** Offset/limit page of a list, with the total so the page can offer "more". */
export type Page<T> = { items: T[]; total: number; offset: number; limit: number };

export function pageOf<T>(items: readonly T[], offset: number, limit: number): Page<T> {
  return { items: items.slice(offset, offset + limit), total: items.length, offset, limit };
}
