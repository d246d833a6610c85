import type { Locale } from '../../shared/i18n';

/** `2026-11-28T07:00:00Z` → `28 Nov 2026, 15:00` / `2026年11月28日 15:00` in the browser's time zone. */
export function formatTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(dateOnly ? { timeZone: 'UTC' } : { timeStyle: 'short', timeZone }),
  }).format(date);
}

/** The value of an `<input type="datetime-local">` (local wall time) as an ISO string, or null when empty. */
export function isoFromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Now as an `<input type="datetime-local">` value. */
export function localInputValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
