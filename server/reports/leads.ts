import type { Page, Row } from './rows';
import { textOf } from './rows';

export type Band = 'hot' | 'warm' | 'cold';
export type LeadSort = 'score' | 'name' | 'owner' | 'leadStatus' | 'source' | 'qualification' | 'created';

/** One line of the leads view (潜在客户): score, band, 甲/乙/丙, lead status, owner, source. */
export type LeadItem = {
  id: string;
  name: string;
  score: number | null;
  band: Band | null;
  /** 甲/乙/丙 → A/B/C */
  qualification: 'A' | 'B' | 'C' | null;
  leadStatus: string | null;
  source: string | null;
  owner: string | null;
  team: string | null;
  lockedOwner: boolean;
};

export type LeadFilter = {
  band?: Band | undefined;
  qualification?: 'A' | 'B' | 'C' | undefined;
  leadStatus?: string | undefined;
  source?: string | undefined;
  /** Only the public pool (公海: no owner). */
  pool?: boolean | undefined;
  /** Name contains (case-insensitive). */
  q?: string | undefined;
  sort: LeadSort;
  dir: 'asc' | 'desc';
};

/** The compact grade the report index keeps per account (`fields.lead`), read defensively. */
function gradeOf(fields: Record<string, unknown>): Pick<LeadItem, 'score' | 'band' | 'qualification'> {
  const lead = fields.lead as { score?: unknown; band?: unknown; qualification?: unknown } | undefined;
  const score = typeof lead?.score === 'number' ? lead.score : null;
  const band = lead?.band === 'hot' || lead?.band === 'warm' || lead?.band === 'cold' ? lead.band : null;
  const q = lead?.qualification;
  return { score, band, qualification: q === 'A' || q === 'B' || q === 'C' ? q : null };
}

const collator = new Intl.Collator('zh-CN');

/**
 * The leads (accounts with status `lead`) among `rows`, filtered and sorted; ties break by name then id so that
 * pages never overlap. A missing value sorts last whichever the direction.
 */
export function leadList(rows: readonly (Row & { lockedOwner?: boolean })[], filter: LeadFilter): LeadItem[] {
  return leadItems(rows, filter).sort(leadOrder(filter));
}

/**
 * One page of `leadList` and its total, without sorting every lead: at 100k accounts the full sort's pinyin
 * collation of names took seconds, while a page needs only the first `offset + limit` in order.
 */
export function leadPage(
  rows: readonly (Row & { lockedOwner?: boolean })[],
  filter: LeadFilter,
  offset: number,
  limit: number,
): Page<LeadItem> {
  const items = leadItems(rows, filter);
  const first = smallest(items, offset + limit, leadOrder(filter));
  return { items: first.slice(offset), total: items.length, offset, limit };
}

/** The `k` first of `items` by `compare` (a total order), in order; a sort when `k` is a good part of them. */
export function smallest<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k * 4 >= items.length) return items.sort(compare).slice(0, k);
  const top: T[] = [];
  for (const item of items) {
    const worst = top[top.length - 1];
    if (top.length === k && worst !== undefined && compare(item, worst) >= 0) continue;
    // Binary search for the place among the kept ones (few: a page or a few pages).
    let low = 0;
    let high = top.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compare(top[mid] as T, item) <= 0) low = mid + 1;
      else high = mid;
    }
    top.splice(low, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

function leadItems(rows: readonly (Row & { lockedOwner?: boolean })[], filter: LeadFilter): LeadItem[] {
  const needle = filter.q?.trim().toLowerCase() ?? '';
  const items: LeadItem[] = [];
  for (const row of rows) {
    if (row.fields.status !== 'lead') continue;
    const item: LeadItem = {
      id: row.id,
      name: textOf(row.fields.name) ?? '',
      ...gradeOf(row.fields),
      leadStatus: textOf(row.fields.leadStatus),
      source: textOf(row.fields.source),
      owner: row.owner,
      team: row.team,
      lockedOwner: row.lockedOwner === true,
    };
    if (filter.band !== undefined && item.band !== filter.band) continue;
    if (filter.qualification !== undefined && item.qualification !== filter.qualification) continue;
    if (filter.leadStatus !== undefined && item.leadStatus !== filter.leadStatus) continue;
    if (filter.source !== undefined && item.source !== filter.source) continue;
    if (filter.pool && item.owner !== null) continue;
    if (needle && !item.name.toLowerCase().includes(needle)) continue;
    items.push(item);
  }
  return items;
}

function leadOrder(filter: LeadFilter): (a: LeadItem, b: LeadItem) => number {
  const sign = filter.dir === 'asc' ? 1 : -1;
  const key = (item: LeadItem): string | number | null =>
    filter.sort === 'created' ? item.id : filter.sort === 'score' ? item.score : item[filter.sort];
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (order !== 0) return sign * order;
    }
    return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}
