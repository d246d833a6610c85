/** Time arithmetic for the rules: all of it in UTC milliseconds, with "now" always passed in. */

export const DAY_MS = 86_400_000;

/** Milliseconds of an ISO 8601 date or date-time (`2026-11-22` is UTC midnight); NaN when unreadable. */
export function timeOf(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** Whole days from `atMs` to `nowMs` (7 days and 23 hours is 7 days); never negative. */
export function wholeDaysBetween(atMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - atMs) / DAY_MS));
}

let monthsBeforeNow = Number.NaN;
const monthsBeforeCache = new Map<number, number>();

/** The instant `months` calendar months before `nowMs` (UTC), the start of a trailing window such as 12 months. */
export function monthsBefore(nowMs: number, months: number): number {
  // Re-scoring asks for the same few windows of the same "now" for every account: remember them.
  if (nowMs !== monthsBeforeNow) {
    monthsBeforeNow = nowMs;
    monthsBeforeCache.clear();
  }
  let start = monthsBeforeCache.get(months);
  if (start === undefined) {
    const date = new Date(nowMs);
    date.setUTCMonth(date.getUTCMonth() - months);
    start = date.getTime();
    monthsBeforeCache.set(months, start);
  }
  return start;
}

/** Whole calendar months from `startMs` to `endMs`: 2025-01-15 → 2026-01-15 is 12, → 2026-01-14 is 11. */
export function wholeMonthsBetween(startMs: number, endMs: number): number {
  const start = new Date(startMs);
  const end = new Date(endMs);
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  const startInMonth = startMs - Date.UTC(start.getUTCFullYear(), start.getUTCMonth());
  const endInMonth = endMs - Date.UTC(end.getUTCFullYear(), end.getUTCMonth());
  return endInMonth < startInMonth ? months - 1 : months;
}
