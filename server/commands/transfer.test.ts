import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvRecords } from '../../shared/transfer/csv-text';
import { openSqliteStorage, type SqliteStorage } from '../db/sqlite';
import type { PushBatch, User } from '../db/storage';
import { openData } from '../main';
import { draftsFromCsv } from '../transfer/cards';
import { IMPORT_BATCH, importCommand, importDrafts } from './transfer';

// The import writes IMPORT_BATCH rows per transaction, all of a batch or none of it.

const HEADER = '公司名称,联系人,职位,手机,邮箱,网址,备注';
/** Two contacts per company, so every other row merges into the card of the row before it. */
const row = (i: number) => {
  const c = Math.floor(i / 2);
  return `深圳市腾达${c}科技有限公司,张${i}三,采购经理,1380${String(i).padStart(7, '0')},zhang${i}@tengda${c}.com.cn,https://www.tengda${c}.com.cn,展会认识`;
};
const csv = (lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;
const drafts = (text: string) => draftsFromCsv(csvRecords(text)).flatMap((d) => (d.ok ? [d.draft] : []));
const count = (storage: SqliteStorage, entity: string) =>
  (
    storage.db.prepare('SELECT count(*) AS n FROM records WHERE entity = ? AND deleted = 0').get(entity) as {
      n: number;
    }
  ).n;

describe('leadcard import in batches', { timeout: 180_000 }, () => {
  let storage: SqliteStorage | undefined;
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  async function withAdmin(): Promise<{ storage: SqliteStorage; admin: User }> {
    storage = openSqliteStorage(':memory:');
    await storage.migrate();
    const admin = (await storage.createUser({
      id: randomUUID(),
      name: 'admin',
      role: 'admin',
      team: null,
      passwordHash: 'x',
      createdAt: new Date().toISOString(),
    })) as User;
    return { storage, admin };
  }

  /** The storage with its pushes recorded (and, for `refuse`, one refused as the server refuses a write). */
  function spied(real: SqliteStorage, refuse?: (m: PushBatch['mutations'][number]) => boolean) {
    const pushes: number[] = [];
    const spy = Object.create(real) as SqliteStorage;
    spy.push = async (batch) => {
      pushes.push(batch.mutations.length);
      const index = refuse ? batch.mutations.findIndex(refuse) : -1;
      const bad = batch.mutations[index];
      if (bad)
        return { kind: 'forbidden', index, entity: bad.entity, id: bad.id, ackedSeq: (bad.seq as number) - index - 1 };
      return real.push(batch);
    };
    return { spy, pushes };
  }

  it('writes a 5k-row file in batches of 500 and merges on re-import', async () => {
    const { storage, admin } = await withAdmin();
    const text = csv(Array.from({ length: 5000 }, (_, i) => row(i)));
    const { spy, pushes } = spied(storage);
    expect(await importDrafts(spy, admin, drafts(text))).toEqual({
      created: 2500,
      merged: 2500,
      unchanged: 0,
      skipped: [],
    });
    expect(pushes.length).toBe(5000 / IMPORT_BATCH);
    expect(count(storage, 'account')).toBe(2500);
    expect(count(storage, 'contact')).toBe(5000);
    // The second contact of a company merged into the card its first row created in the same batch.
    const card = storage.db
      .prepare(`SELECT count(*) AS n FROM records WHERE entity = 'contact' AND account_id = (
        SELECT id FROM records WHERE entity = 'account' AND json_extract(fields, '$.name') = '深圳市腾达7科技有限公司')`)
      .get() as { n: number };
    expect(card.n).toBe(2);

    const again = spied(storage);
    expect(await importDrafts(again.spy, admin, drafts(text))).toEqual({
      created: 0,
      merged: 0,
      unchanged: 5000,
      skipped: [],
    });
    expect(again.pushes).toEqual([]);
    expect(count(storage, 'contact')).toBe(5000);
  });

  it('reports a malformed line of a 5k-row file by line and imports every other row (CLI)', async () => {
    const data = mkdtempSync(join(tmpdir(), 'leadcard-import-'));
    const setup = await openData(data);
    await setup.createUser({
      id: randomUUID(),
      name: 'admin',
      role: 'admin',
      team: null,
      passwordHash: 'x',
      createdAt: new Date().toISOString(),
    });
    await setup.close();
    const lines = Array.from({ length: 5000 }, (_, i) => row(i));
    lines[2500] = '坏数据公司,赵六,,,not-an-email,,'; // file line 2502 (the header is line 1)
    const file = join(data, 'big.csv');
    writeFileSync(file, csv(lines));
    const written = { out: '', err: '' };
    const io = {
      out: (t: string) => {
        written.out += t;
      },
      err: (t: string) => {
        written.err += t;
      },
    };
    expect(await importCommand([file, '--data', data], io)).toBe(0);
    expect(written.err).toBe('line 2502: emails.0: must be an email address\n');
    expect(written.out).toBe('Imported 2500 new cards, merged 2499, unchanged 0, skipped 1 (owner admin)\n');
    storage = openSqliteStorage(join(data, 'leadcard.db'));
    expect(count(storage, 'account')).toBe(2500);
    expect(count(storage, 'contact')).toBe(4999);
  });

  it('a refused row leaves nothing of its batch half-written: the batch is written again without it', async () => {
    const { storage, admin } = await withAdmin();
    const text = csv(Array.from({ length: 1200 }, (_, i) => row(i)));
    // Line 702 is the first row of company 350 (in the second batch); line 703 merges into its card.
    const { spy, pushes } = spied(storage, (m) => m.fields.name === '深圳市腾达350科技有限公司');
    const result = await importDrafts(spy, admin, drafts(text));
    expect(result.skipped).toEqual([
      { line: 702, message: 'refused (forbidden)' },
      { line: 703, message: 'the card of an earlier line was not imported' },
    ]);
    expect(result).toMatchObject({ created: 599, merged: 599 });
    expect(pushes).toEqual([750, 750, 747, 300]);
    expect(count(storage, 'account')).toBe(599);
    expect(count(storage, 'contact')).toBe(1198);
    const orphans = storage.db
      .prepare(`SELECT count(*) AS n FROM records c WHERE c.entity = 'contact'
        AND NOT EXISTS (SELECT 1 FROM records a WHERE a.entity = 'account' AND a.id = c.account_id)`)
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    expect(storage.db.prepare('SELECT max(acked_seq) AS seq FROM clients').get()).toEqual({ seq: 1797 });
  });
});
