import type { Locale } from './index';

/**
 * Intl-based formatting in the rep's language. Intl is part of the language (ECMA-402), so this stays pure.
 * `formatMoney('zh-CN', 1234567.5)` → "¥1,234,567.50"; `formatMoney('en', 5e5, 'USD')` → "$500,000.00".
 */
export function formatNumber(locale: Locale, value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

export function formatMoney(locale: Locale, amount: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}

/** Large amounts compactly: 1,200,000 → "120万" (zh-CN) / "1.2M" (en). */
export function formatCompactMoney(locale: Locale, amount: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact' }).format(amount);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A date (and time) in the given time zone; dates are ISO strings on the wire. */
export function formatDate(
  locale: Locale,
  iso: string | Date,
  options: { time?: boolean; timeZone?: string } = {},
): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(options.time ? { timeStyle: 'short' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** "3 days ago" / "3天前", relative to `now` (a parameter, never the clock). */
export function formatRelative(locale: Locale, iso: string, now: Date): string {
  const diffMs = new Date(iso).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.round(diffMs / 60_000);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 60) return rtf.format(days, 'day');
  return rtf.format(Math.round(days / 30), 'month');
}
