import { describe, expect, it } from 'vitest';
import { monthsBefore, timeOf, wholeDaysBetween, wholeMonthsBetween } from './time';

describe('rule time arithmetic', () => {
  it.each([
    ['2025-01-15', '2026-01-15', 12],
    ['2025-01-15', '2026-01-14', 11],
    ['2026-06-01', '2027-07-01', 13],
    ['2026-06-01', '2027-05-01', 11],
    ['2026-01-31', '2026-02-28', 0],
    ['2026-03-01T00:00:00+08:00', '2027-03-01T00:00:00+08:00', 12],
  ])('%s → %s is %i whole months', (start, end, months) => {
    expect(wholeMonthsBetween(timeOf(start), timeOf(end))).toBe(months);
  });

  it('gives the start of a trailing window, for each "now" it is asked about', () => {
    expect(new Date(monthsBefore(timeOf('2026-11-22T00:00:00Z'), 12)).toISOString()).toBe('2025-11-22T00:00:00.000Z');
    expect(new Date(monthsBefore(timeOf('2026-11-22T00:00:00Z'), 6)).toISOString()).toBe('2026-05-22T00:00:00.000Z');
    expect(new Date(monthsBefore(timeOf('2027-01-10T00:00:00Z'), 12)).toISOString()).toBe('2026-01-10T00:00:00.000Z');
  });

  it('counts whole days, never negative', () => {
    expect(wholeDaysBetween(timeOf('2026-11-14T01:00:00Z'), timeOf('2026-11-22T00:00:00Z'))).toBe(7);
    expect(wholeDaysBetween(timeOf('2026-11-23'), timeOf('2026-11-22'))).toBe(0);
    expect(timeOf(null)).toBeNaN();
  });
});
