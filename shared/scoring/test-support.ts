import type { AccountFields } from '../schema/entities';
import { DAY_MS } from './time';

/** The fixed "now" of the scoring tests. */
export const NOW = new Date('2026-11-22T00:00:00Z');

/** The ISO instant `days` days before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * DAY_MS).toISOString();
}

/** An account's scoring fields with nothing known: the baseline the tables override. */
export function blankAccount(overrides: Partial<AccountFields> = {}) {
  return {
    status: 'lead' as AccountFields['status'],
    employees: null,
    industry: null,
    region: null,
    source: 'other' as AccountFields['source'],
    needs: {},
    business: {},
    contract: {},
    strategic: false,
    credit: {},
    ...overrides,
  };
}
