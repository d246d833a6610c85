import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/schema/sync/pull';
import type { User } from '../db/storage';
import { ReportIndex } from './report-index';

const user = (name: string, role: User['role'], team: string | null): User => ({
  id: name,
  name,
  role,
  team,
  createdAt: '2026-01-01T00:00:00Z',
});
const alice = user('alice', 'rep', 'east');
const mia = user('mia', 'manager', 'east');
const wendy = user('wendy', 'manager', 'west');
const admin = user('root', 'admin', null);

/** A change log the test appends to; reads return changes after the cursor, like storage.pullChunk. */
function log() {
  const changes: Change[] = [];
  let version = 0;
  return {
    add(entity: Change['entity'], id: string, fields: Record<string, unknown>, deleted = false) {
      // The log is compacted: a record's newer change replaces its older one (as in the records table).
      const at = changes.findIndex((c) => c.entity === entity && c.id === id);
      if (at >= 0) changes.splice(at, 1);
      changes.push({ entity, id, version: ++version, deleted, fields });
    },
    reads: 0,
    version: () => version,
    all: () => [...changes],
    read(after: number, max: number) {
      this.reads++;
      return Promise.resolve(changes.filter((c) => c.version > after).slice(0, max));
    },
  };
}
const account = (owner: string | null, team: string, extra: Record<string, unknown> = {}) => ({
  name: 'Acme',
  owner,
  team,
  sharedWith: [],
  lockedOwner: false,
  ...extra,
});

describe('ReportIndex', () => {
  it('catches up from the change log in chunks and keeps only the fields the reports read', async () => {
    const changes = log();
    changes.add('account', 'a1', account('alice', 'east', { features: { notes: 'long private text' } }));
    for (let i = 0; i < 5; i++)
      changes.add('activity', `x${i}`, { accountId: 'a1', type: 'call', at: '2026-11-01', body: 'mail body' });
    const index = new ReportIndex((after, max) => changes.read(after, max), 2);
    expect(await index.refresh()).toBe(6);
    expect(changes.reads).toBe(4);
    const rows = index.rows(admin, 'activity', {});
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      id: 'x0',
      accountId: 'a1',
      fields: { accountId: 'a1', type: 'call', at: '2026-11-01' },
      owner: 'alice',
      team: 'east',
      atMs: Date.UTC(2026, 10, 1),
    });
    expect(index.rows(admin, 'account', {})[0]?.fields).toEqual({ name: 'Acme' });
  });

  it('applies later changes, tombstones and ownership moves; visibility is decided per caller', async () => {
    const changes = log();
    changes.add('account', 'a1', account('alice', 'east'));
    changes.add('opportunity', 'o1', { accountId: 'a1', name: 'deal', amount: 1 });
    changes.add('opportunity', 'o2', { accountId: 'a1', name: 'other', amount: 2 });
    const index = new ReportIndex((after, max) => changes.read(after, max));
    await index.refresh();
    const names = (who: User) => index.rows(who, 'opportunity', {}).map((row) => row.fields.name);
    expect(names(alice)).toEqual(['deal', 'other']);
    expect(names(mia)).toEqual(['deal', 'other']);
    expect(names(wendy)).toEqual([]);

    changes.add('opportunity', 'o1', { accountId: 'a1', name: 'deal v2', amount: 1 });
    changes.add('opportunity', 'o2', {}, true);
    await index.refresh();
    expect(names(alice)).toEqual(['deal v2']);

    // A manager moves the account to the west team's pool: east no longer sees it, west does.
    changes.add('account', 'a1', account(null, 'west'));
    await index.refresh();
    expect(names(alice)).toEqual([]);
    expect(names(mia)).toEqual([]);
    expect(names(wendy)).toEqual(['deal v2']);
  });

  it('limits a rep to what they own, and applies the owner and team filters', async () => {
    const changes = log();
    changes.add('account', 'a1', account('alice', 'east'));
    changes.add('account', 'a2', account('carol', 'east', { sharedWith: ['alice'] }));
    changes.add('account', 'a3', account(null, 'east'));
    const index = new ReportIndex((after, max) => changes.read(after, max));
    await index.refresh();
    const ids = (who: User, filter = {}) => index.rows(who, 'account', filter).map((row) => row.id);
    expect(ids(alice)).toEqual(['a1']);
    expect(ids(mia)).toEqual(['a1', 'a2', 'a3']);
    expect(ids(mia, { owner: 'carol' })).toEqual(['a2']);
    expect(ids(admin, { team: 'west' })).toEqual([]);
  });

  it('derives the per-account facts every caller shares, once per data version', async () => {
    const changes = log();
    changes.add('account', 'a1', account('alice', 'east'));
    changes.add('activity', 'x1', { accountId: 'a1', type: 'call', at: '2026-11-01T08:00:00+08:00' });
    changes.add('activity', 'x2', { accountId: 'a1', type: 'ownership', at: '2026-11-20T00:00:00Z' });
    changes.add('transaction', 't1', { accountId: 'a1', at: '2026-10-31T20:00:00-05:00', amount: 100 });
    changes.add('transaction', 't2', { accountId: 'a1', at: '2026-11-02T00:00:00Z', amount: 50 });
    changes.add('complaint', 'c1', { accountId: 'a1', at: '2026-11-03T00:00:00Z', summary: 'late' });
    const index = new ReportIndex((after, max) => changes.read(after, max));
    await index.refresh();
    const facts = index.shared();
    // an ownership change is not a follow-up; times with offsets are compared as instants
    expect(facts.lastActivity.get('a1')).toBe(Date.UTC(2026, 10, 1, 0));
    expect(facts.transactions.get('a1')).toEqual([
      { at: '2026-10-31T20:00:00-05:00', amount: 100 },
      { at: '2026-11-02T00:00:00Z', amount: 50 },
    ]);
    // 20:00 at UTC−5 on 31 October is 1 November in UTC
    expect(facts.revenueByMonth.get('a1')).toEqual(new Map([['2026-11', 150]]));
    expect(facts.complaints.get('a1')).toEqual([{ at: '2026-11-03T00:00:00Z' }]);
    expect(index.shared()).toBe(facts);
    changes.add('transaction', 't2', {}, true);
    await index.refresh();
    expect(index.shared().revenueByMonth.get('a1')).toEqual(new Map([['2026-11', 100]]));
  });

  it("recomputes the facts of changed accounts only, alike a full recompute, keeping the others' lists", async () => {
    const changes = log();
    for (const id of ['a1', 'a2', 'a3']) changes.add('account', id, account('alice', 'east'));
    changes.add('activity', 'x1', { accountId: 'a1', type: 'call', at: '2026-11-01T00:00:00Z' });
    changes.add('activity', 'x2', { accountId: 'a2', type: 'visit', at: '2026-11-05T00:00:00Z' });
    changes.add('transaction', 't1', { accountId: 'a1', at: '2026-10-01T00:00:00Z', amount: 10 });
    changes.add('transaction', 't2', { accountId: 'a1', at: '2026-11-01T00:00:00Z', amount: 20 });
    changes.add('transaction', 't3', { accountId: 'a3', at: '2026-11-01T00:00:00Z', amount: 5 });
    changes.add('complaint', 'c1', { accountId: 'a2', at: '2026-11-03T00:00:00Z' });
    const index = new ReportIndex((after, max) => changes.read(after, max));
    await index.refresh();
    const first = index.shared();
    const a3Sales = first.transactions.get('a3');

    changes.add('transaction', 't1', { accountId: 'a1', at: '2026-10-01T00:00:00Z', amount: 15 }); // in place
    changes.add('transaction', 't2', { accountId: 'a2', at: '2026-11-01T00:00:00Z', amount: 20 }); // moved
    changes.add('activity', 'x2', {}, true);
    changes.add('complaint', 'c1', { accountId: 'a1', at: '2026-11-04T00:00:00Z' });
    changes.add('activity', 'x3', { accountId: 'a1', type: 'meeting', at: '2026-11-09T00:00:00Z' });
    await index.refresh();
    const next = index.shared();
    expect(next).not.toBe(first);
    const fresh = new ReportIndex((after, max) => changes.read(after, max));
    await fresh.refresh();
    const full = fresh.shared();
    expect(next.lastActivity).toEqual(full.lastActivity);
    expect(next.transactions).toEqual(full.transactions);
    expect(next.revenueByMonth).toEqual(full.revenueByMonth);
    expect(next.complaints).toEqual(full.complaints);
    expect(next.lastActivity.has('a2')).toBe(false);
    expect(next.transactions.get('a1')).toEqual([{ at: '2026-10-01T00:00:00Z', amount: 15 }]);
    // An untouched account keeps the same list, so the scoring's per-list parse cache still serves it.
    expect(next.transactions.get('a3')).toBe(a3Sales);
  });

  it('builds first from a front-to-back scan, then catches up what changed while it read', async () => {
    const changes = log();
    changes.add('account', 'a1', account('alice', 'east'));
    changes.add('activity', 'x1', { accountId: 'a1', type: 'call', at: '2026-11-01T00:00:00Z' });
    changes.add('activity', 'x2', { accountId: 'a1', type: 'call', at: '2026-11-02T00:00:00Z' });
    changes.add('activity', 'x3', {}, true);
    let scans = 0;
    const scan = async (after: { entity: string; id: string } | null, max: number) => {
      // The version is read before the rows (one snapshot); a write lands between the first and second chunk.
      const version = changes.version();
      const live = changes
        .all()
        .filter((c) => !c.deleted)
        .sort((a, b) => (a.entity + a.id).localeCompare(b.entity + b.id))
        .filter((c) => after === null || c.entity + c.id > after.entity + after.id)
        .slice(0, max);
      if (++scans === 1) {
        changes.add('activity', 'x1', {}, true);
        changes.add('activity', 'x4', { accountId: 'a1', type: 'visit', at: '2026-11-03T00:00:00Z' });
      }
      return { version, changes: live };
    };
    const index = new ReportIndex((after, max) => changes.read(after, max), 1, scan);
    expect(await index.refresh()).toBe(6);
    // The change log is read from the scan's version 4 on only: versions 5 and 6, then nothing more.
    expect(changes.reads).toBe(3);
    expect(scans).toBe(4);
    expect(
      index
        .rows(admin, 'activity', {})
        .map((row) => row.id)
        .sort(),
    ).toEqual(['x2', 'x4']);
    expect(index.shared().lastActivity.get('a1')).toBe(Date.UTC(2026, 10, 3));
  });

  it('shares one catch-up between concurrent requests', async () => {
    const changes = log();
    changes.add('account', 'a1', account('alice', 'east'));
    const index = new ReportIndex((after, max) => changes.read(after, max));
    await Promise.all([index.refresh(), index.refresh(), index.refresh()]);
    expect(changes.reads).toBe(1);
  });
});
