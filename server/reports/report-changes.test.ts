import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc/hlc';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import { openSqliteStorage } from '../db/sqlite';
import type { User } from '../db/storage';
import { seedDemo } from '../demo/seed';
import { REPORT_READER } from '../routes/reports';
import { churnReport } from './churn';
import { complaintReport } from './complaints';
import { keyAccountReport } from './key-accounts';
import { leadList } from './leads';
import { opportunityCards } from './pipeline';
import { repActivityReport } from './rep-activity';
import { KEPT, type ReportEntity, ReportIndex } from './report-index';
import { textOf } from './rows';

const NOW = new Date('2026-06-15T08:00:00.000Z');
const admin: User = { id: 'root', name: 'root', role: 'admin', team: null, createdAt: '2026-01-01T00:00:00Z' };

/** The record's fields as the full pull gives them, less the top-level nulls the slim read leaves out. */
const withoutNulls = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));

describe('Storage.reportChanges, the index read of only the kept fields', () => {
  it('builds the same index and the same reports as the full change log, on the demo data', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.migrate();
    await seedDemo(storage, { seed: 3, accounts: 60, now: NOW, force: false });
    const full = new ReportIndex((after, max) => storage.pullChunk(REPORT_READER, after, max), 500);
    const slim = new ReportIndex((after, max) => storage.reportChanges(after, max, KEPT), 500);
    await full.refresh();
    await slim.refresh();
    for (const entity of Object.keys(KEPT) as ReportEntity[]) {
      const fullRows = full.rows(admin, entity, {});
      expect(fullRows.length).toBeGreaterThan(0);
      expect(slim.rows(admin, entity, {})).toEqual(
        fullRows.map((row) => ({ ...row, fields: withoutNulls(row.fields) })),
      );
    }
    expect(slim.shared()).toEqual(full.shared());
    expect(slim.rows(admin, 'account', {}).some((row) => row.fields.lead !== undefined)).toBe(true);

    const report = (index: ReportIndex) => {
      const accounts = index.rows(admin, 'account', {});
      const names = new Map(accounts.map((row) => [row.id, textOf(row.fields.name) ?? '']));
      const facts = index.shared();
      return {
        cards: opportunityCards(
          index.rows(admin, 'opportunity', {}),
          { accountNames: names, lastActivity: facts.lastActivity },
          {},
          DEFAULT_RULES,
          NOW,
        ),
        keyAccounts: keyAccountReport(accounts, facts.transactions, DEFAULT_RULES, NOW),
        churn: churnReport(accounts, facts.transactions, facts.complaints, DEFAULT_RULES, NOW),
        activity: repActivityReport(index.rows(admin, 'activity', {}), names, NOW),
        complaints: complaintReport(index.rows(admin, 'complaint', {}), accounts, NOW),
        leads: leadList(
          accounts.map((row) => ({ ...row, lockedOwner: false })),
          { sort: 'score', dir: 'desc', pool: false },
        ),
      };
    };
    expect(report(slim)).toEqual(report(full));

    // The first build read front to back (reportScan), then caught up from the change log.
    const scanned = new ReportIndex(
      (after, max) => storage.reportChanges(after, max, KEPT),
      500,
      (after, max) => storage.reportScan(after, max, KEPT),
    );
    await scanned.refresh();
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    for (const entity of Object.keys(KEPT) as ReportEntity[])
      expect(byId(scanned.rows(admin, entity, {}))).toEqual(byId(slim.rows(admin, entity, {})));
    expect(report(scanned)).toEqual(report(full));

    // A tombstone and an edit later: both indexes catch up alike.
    const [gone] = full.rows(admin, 'activity', {});
    const [edited] = full.rows(admin, 'transaction', {});
    if (!gone?.owner || !edited?.owner || gone.owner !== edited.owner) throw new Error('expected owned records');
    const { passwordHash: _secret, ...actor } = (await storage.userByName(gone.owner)) as User & {
      passwordHash: string;
    };
    const hlc = encodeHlc({ wall: NOW.getTime() + 60_000, counter: 0, node: 'test' });
    const outcome = await storage.push({
      actor,
      clientId: '0193a000-0000-7000-8000-00000000c0de',
      mutations: [
        { seq: 1, hlc, entity: 'activity', id: gone.id, op: 'delete', fields: {} },
        { seq: 2, hlc, entity: 'transaction', id: edited.id, op: 'upsert', fields: { amount: 123_456 } },
      ],
      now: NOW.toISOString(),
      lapseFrom: () => null,
    });
    expect(outcome.kind).toBe('applied');
    await full.refresh();
    await slim.refresh();
    expect(slim.record('activity', gone.id)).toBeUndefined();
    expect(slim.record('transaction', edited.id)?.fields.amount).toBe(123_456);
    expect(slim.shared()).toEqual(full.shared());
    expect(report(slim)).toEqual(report(full));
    await scanned.refresh();
    expect(scanned.record('activity', gone.id)).toBeUndefined();
    expect(report(scanned)).toEqual(report(full));
    await storage.close();
  });
});
