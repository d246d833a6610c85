import { describe, expect, it } from 'vitest';
import { type LeadFilter, type LeadSort, leadList, leadPage, smallest } from './leads';
import { pageOf } from './rows';
import { row } from './test-rows';

const NAMES = ['华为', '阿里巴巴', 'Acme', '百度', 'Zeta', '腾讯', 'acme', '小米'];
const BANDS = ['hot', 'warm', 'cold', undefined];

/** Leads with many ties (few names, scores, owners) and some missing values, so the tie-breaks decide. */
function leads(count: number) {
  return Array.from({ length: count }, (_, i) =>
    row(
      {
        name: NAMES[i % NAMES.length],
        status: i % 9 === 0 ? 'customer' : 'lead',
        leadStatus: i % 4 === 0 ? undefined : ['new', 'contacted', 'qualified'][i % 3],
        source: ['fair', 'web', undefined][i % 3],
        lead:
          i % 7 === 0
            ? undefined
            : { score: (i * 37) % 11, band: BANDS[i % 4], qualification: ['A', 'B', 'C', null][i % 4] },
      },
      { owner: i % 5 === 0 ? null : ['alice', 'bob'][i % 2], createdMs: Date.UTC(2026, 0, 1 + (i % 13)) },
    ),
  );
}

describe('leadPage', () => {
  it('gives the page leadList would, for every sort, direction, filter and offset', () => {
    const rows = leads(400);
    const sorts: LeadSort[] = ['score', 'name', 'owner', 'leadStatus', 'source', 'qualification', 'created'];
    for (const sort of sorts)
      for (const dir of ['asc', 'desc'] as const)
        for (const extra of [{}, { band: 'hot' as const }, { pool: true }]) {
          const filter: LeadFilter = { sort, dir, ...extra };
          const all = leadList(rows, filter);
          for (const [offset, limit] of [
            [0, 50],
            [50, 20],
            [0, 1],
            [300, 50],
          ] as const)
            expect(leadPage(rows, filter, offset, limit)).toEqual(pageOf(all, offset, limit));
        }
  });
});

describe('smallest', () => {
  it('keeps the first k in order, as a sort would', () => {
    const numbers = Array.from({ length: 500 }, (_, i) => (i * 7919) % 263);
    const order = (a: number, b: number) => a - b;
    for (const k of [0, 1, 5, 60, 124, 125, 499, 500, 600])
      expect(smallest([...numbers], k, order)).toEqual([...numbers].sort(order).slice(0, k));
  });
});
