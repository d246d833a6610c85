import { describe, expect, it } from 'vitest';
import { mayShowActivity, repActivityReport, weekOf } from './rep-activity';
import { row } from './test-rows';

const now = new Date('2026-11-22T09:00:00Z'); // a Sunday

describe('weekOf', () => {
  it.each([
    ['2026-11-22T09:00:00Z', '2026-11-16'],
    ['2026-11-16T00:00:00Z', '2026-11-16'],
    ['2026-11-15T23:59:59Z', '2026-11-09'],
  ])('%s is in the week of Monday %s', (iso, monday) => {
    expect(weekOf(Date.parse(iso))).toBe(monday);
  });
});

describe('repActivityReport', () => {
  const account = 'acc-1';
  const activity = (by: string, type: string, at: string, next: unknown = null) =>
    row({ by, type, at, next, accountId: account }, { accountId: account });
  const report = repActivityReport(
    [
      activity('alice', 'call', '2026-11-20T10:00:00Z'),
      activity('alice', 'call', '2026-11-18T10:00:00Z'),
      activity('alice', 'visit', '2026-11-17T10:00:00Z', { at: '2026-11-25T02:00:00Z', place: '上海' }),
      activity('alice', 'email', '2026-11-10T10:00:00Z'),
      activity('carol', 'capture', '2026-11-19T10:00:00Z', { at: '2026-11-23T02:00:00Z', purpose: 'demo' }),
      activity('carol', 'ownership', '2026-11-19T10:00:00Z'),
      activity('carol', 'note', '2026-06-01T10:00:00Z', { at: '2026-06-02T00:00:00Z' }),
    ],
    new Map([[account, '华为']]),
    now,
  );

  it('counts each rep’s captures, calls, visits, emails and notes per week over the last 8 weeks', () => {
    expect(report.weeks).toHaveLength(8);
    expect(report.weeks.at(-1)).toBe('2026-11-16');
    expect(report.rows.map((r) => [r.rep, r.week, r.total, r.counts.call, r.counts.visit, r.counts.email])).toEqual([
      ['alice', '2026-11-16', 3, 2, 1, 0],
      ['alice', '2026-11-09', 1, 0, 0, 1],
      ['carol', '2026-11-16', 1, 0, 0, 0],
    ]);
  });

  it('lists the meetings scheduled from now on, soonest first, with the account', () => {
    expect(report.meetings.map((m) => [m.rep, m.at, m.place, m.purpose, m.accountName])).toEqual([
      ['carol', '2026-11-23T02:00:00.000Z', null, 'demo', '华为'],
      ['alice', '2026-11-25T02:00:00.000Z', '上海', null, '华为'],
    ]);
  });
});

describe('mayShowActivity', () => {
  it('passes every activity the report can show and none it cannot: the report is alike with or without it', () => {
    const rows = [
      ['2026-11-20T10:00:00Z', null],
      ['2026-09-28T00:00:00Z', null], // the Monday 8 weeks back: counted
      ['2026-09-27T23:59:59Z', null], // the day before: not
      ['2026-03-01T00:00:00Z', { at: '2026-12-01T00:00:00Z' }], // old, but a meeting ahead
      ['2026-03-01T00:00:00Z', { at: '2026-03-02T00:00:00Z' }], // old, with a past next step: passed, not shown
      ['', null],
    ].map(([at, next]) => {
      const fields = { by: 'alice', type: 'call', at, next };
      return row(fields, { accountId: 'a1', atMs: Date.parse(at as string) });
    });
    const may = mayShowActivity(now);
    expect(rows.map((r) => may({ fields: r.fields, atMs: r.atMs as number }))).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    const names = new Map([['a1', 'Acme']]);
    expect(
      repActivityReport(
        rows.filter((r) => may({ fields: r.fields, atMs: r.atMs as number })),
        names,
        now,
      ),
    ).toEqual(repActivityReport(rows, names, now));
  });
});
