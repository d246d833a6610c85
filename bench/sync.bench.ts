import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { createApp } from '../server/app';
import { generateToken, hashToken } from '../server/auth/secrets';
import { openSqliteStorage } from '../server/db/sqlite';
import type { User } from '../server/db/storage';
import { makeDeps } from '../server/deps';
import { Scoring } from '../server/scoring/scoring';
import { encodeHlc } from '../shared/hlc/hlc';
import { type Mutation, mutation } from '../shared/schema/sync/mutation';
import { startRealServer } from '../test/support/server';
import { compareInterleaved, median } from './measure';
import type { Benchmark } from './types';

const PUSH_MUTATIONS = 10_000;
const PUSH_BATCH = 500;
const PULL_RECORDS = 100_000;
const REPEATS = 5;

let idCounter = 0;
const nextId = () => {
  idCounter++;
  return `0193a000-0000-7000-8000-${idCounter.toString(16).padStart(12, '0')}`;
};

/** 10k mutations like a day of clipping: one account per four contacts, with realistic fields. */
function workload(node: string): Mutation[] {
  const out: Mutation[] = [];
  let accountId = '';
  for (let i = 0; i < PUSH_MUTATIONS; i++) {
    const hlc = encodeHlc({ wall: 1_700_000_000_000 + i, counter: 0, node });
    if (i % 5 === 0) {
      accountId = nextId();
      out.push({
        seq: i + 1,
        hlc,
        entity: 'account',
        id: accountId,
        op: 'upsert',
        fields: {
          name: `深圳市腾达科技有限公司 ${i}`,
          status: 'lead',
          domains: [`tengda${i}.com.cn`],
          phones: ['+8675588886666'],
          region: '广东',
        },
      });
    } else {
      out.push({
        seq: i + 1,
        hlc,
        entity: 'contact',
        id: nextId(),
        op: 'upsert',
        fields: {
          accountId,
          name: '张三',
          title: '采购经理',
          emails: [`zhang${i}@tengda.com.cn`],
          phones: ['+8613800138000'],
        },
      });
    }
  }
  return out;
}

function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'leadcard-bench-')), name);
}

/** The server's storage and app on a WAL file (the production pragmas), with one rep and an API token, and the
 * server's scoring (server/main.ts): a push grades the accounts it changes in its own transaction. */
async function serverFixture() {
  const storage = openSqliteStorage(tempFile('leadcard.db'));
  await storage.migrate();
  const user = (await storage.createUser({
    id: randomUUID(),
    name: 'alice',
    role: 'rep',
    team: 'east',
    passwordHash: 'x',
    createdAt: new Date().toISOString(),
  })) as User;
  const token = generateToken();
  await storage.createToken({
    id: randomUUID(),
    userName: 'alice',
    kind: 'api',
    hash: hashToken(token),
    label: null,
    createdAt: new Date().toISOString(),
    expiresAt: null,
  });
  const deps = makeDeps(storage);
  // No schedule and no settle batch during the run: the background batches are not part of a push.
  const scoring = new Scoring({ storage, now: deps.now, scheduleMs: null, settleMs: 3_600_000 });
  deps.scoring = scoring;
  deps.rescore = async (accountId) => scoring.touched(accountId);
  await scoring.ready();
  const app = createApp(deps);
  const close = async () => {
    await scoring.stop();
    await storage.close();
  };
  return {
    storage,
    user,
    deps,
    app,
    close,
    auth: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}

/**
 * The plain way (DESIGN §12: "raw better-sqlite3 upserts of the same rows in one transaction"): the rows the push
 * stores in `records` — the same table, primary key and indexes as migration 1, the fields and their per-field
 * HLCs as JSON, a version each — upserted by one prepared statement in one transaction, with the same pragmas
 * (WAL, synchronous=FULL). What it leaves out is what the push adds to that: parsing and validating the request,
 * the per-field merge against the stored record, access checks, the lookup and search keys, ownership rows, grades.
 */
function rawRecords() {
  const db = new Database(tempFile('raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE records (
      entity TEXT NOT NULL, id TEXT NOT NULL, account_id TEXT, fields TEXT NOT NULL, hlcs TEXT NOT NULL,
      deleted_hlc TEXT, deleted INTEGER NOT NULL, version INTEGER NOT NULL, created_by TEXT NOT NULL,
      PRIMARY KEY (entity, id)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX records_version ON records(version);
    CREATE INDEX records_account ON records(account_id, entity);`);
  const upsert =
    db.prepare(`INSERT INTO records (entity, id, account_id, fields, hlcs, deleted_hlc, deleted, version, created_by)
    VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?)
    ON CONFLICT (entity, id) DO UPDATE SET account_id = excluded.account_id, fields = excluded.fields,
      hlcs = excluded.hlcs, version = excluded.version`);
  let version = 0;
  return {
    db,
    upsertAll(mutations: readonly Mutation[]) {
      db.transaction(() => {
        for (const m of mutations) {
          const accountId = m.entity === 'account' ? m.id : (m.fields.accountId as string);
          const hlcs = Object.fromEntries(Object.keys(m.fields).map((field) => [field, m.hlc]));
          upsert.run(m.entity, m.id, accountId, JSON.stringify(m.fields), JSON.stringify(hlcs), ++version, 'bench');
        }
      })();
    },
  };
}

/** The old baseline, printed for comparison: the same mutations as (entity, id, fields) into one table without
 * secondary indexes. */
function rawBareTable() {
  const db = new Database(tempFile('bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE records (entity TEXT NOT NULL, id TEXT NOT NULL, fields TEXT NOT NULL, PRIMARY KEY (entity, id)) WITHOUT ROWID',
  );
  const upsert = db.prepare(
    'INSERT INTO records (entity, id, fields) VALUES (?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET fields = excluded.fields',
  );
  return {
    db,
    upsertAll(mutations: readonly Mutation[]) {
      db.transaction(() => {
        for (const m of mutations) upsert.run(m.entity, m.id, JSON.stringify(m.fields));
      })();
    },
  };
}

/** Process CPU time (user + system) of `work`, in ms: on a shared machine the wall clock also counts other
 * processes and the disk queue, the CPU time only this work (both sides run in this process, one after the other). */
async function cpuMs(work: () => Promise<void> | void): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Measures `push` (one round of 10k mutations, prepared by `prepare` before the clock starts) against the raw
 * upserts of the same rows, interleaved; the bare-table baseline of earlier runs is timed after, for the record.
 */
async function comparePush<T>(
  prepare: (round: number) => T,
  push: (work: T) => Promise<void>,
): Promise<{ measured: number; baseline: number; cpu: string }> {
  const rounds = REPEATS + 1;
  const work = Array.from({ length: rounds }, (_, r) => prepare(r));
  const rows = Array.from({ length: rounds }, (_, r) => workload(`raw${r}`));
  const bareRows = Array.from({ length: rounds }, (_, r) => workload(`bare${r}`));
  const raw = rawRecords();
  const bare = rawBareTable();
  let p = 0;
  let b = 0;
  const cpu = { measured: [] as number[], baseline: [] as number[], bare: [] as number[] };
  try {
    const result = await compareInterleaved(
      async () => {
        cpu.measured.push(await cpuMs(() => push(work[p++] as T)));
      },
      async () => {
        cpu.baseline.push(await cpuMs(() => raw.upsertAll(rows[b++] ?? [])));
      },
      { repeats: REPEATS, warmup: 1 },
    );
    for (const mutations of bareRows) cpu.bare.push(await cpuMs(() => bare.upsertAll(mutations)));
    const [measured, baseline, bareMs] = [cpu.measured, cpu.baseline, cpu.bare].map((ms) => median(ms.slice(1))) as [
      number,
      number,
      number,
    ];
    return {
      ...result,
      cpu: `CPU time ${measured.toFixed(0)} ms vs ${baseline.toFixed(0)} ms (${(measured / baseline).toFixed(1)}×); vs the bare one-table baseline of earlier runs (${bareMs.toFixed(0)} ms CPU) ${(measured / bareMs).toFixed(1)}×`,
    };
  } finally {
    raw.db.close();
    bare.db.close();
  }
}

const PUSH_WORK =
  'per-field HLC merge, access checks, lookup and pinyin keys, ownership rows, grading in the transaction, WAL, synchronous=FULL';

export const benchmarks: Benchmark[] = [
  {
    name: 'sync push: 10k mutations in batches of 500',
    target: '≤ 2×',
    maxRatio: 2,
    async run() {
      const server = await serverFixture();
      try {
        const result = await comparePush(
          (r) => {
            // Request bodies as the extension sends them (sync-client.ts: the outbox in batches of 500),
            // serialised before the clock starts.
            const clientId = randomUUID();
            const all = workload(`dev${r}`);
            const bodies: string[] = [];
            for (let i = 0; i < all.length; i += PUSH_BATCH)
              bodies.push(JSON.stringify({ clientId, mutations: all.slice(i, i + PUSH_BATCH) }));
            return bodies;
          },
          async (bodies) => {
            for (const body of bodies) {
              const res = await server.app.request('/api/v1/sync/push', { method: 'POST', headers: server.auth, body });
              if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
            }
          },
        );
        return {
          ...result,
          // Where the time goes (CPU profile without inlining): the push's transaction ~62% — the commit
          // of 20 durable transactions ~21%, the record rows ~6% and the key and search rows ~10% (3 key rows and
          // a search row per new record; an edit writes only the keys it changes), computing the keys (normalised
          // names, emails, domains, pinyin) ~10%, grading (the account, its children, the grades row) ~10% —,
          // zod validation and JSON ~10%, GC ~6%, Hono and the Request ~5%.
          detail: `${PUSH_MUTATIONS} upserts through POST /api/v1/sync/push in ${PUSH_MUTATIONS / PUSH_BATCH} requests and transactions (zod, ${PUSH_WORK}) vs raw better-sqlite3 upserts of the same record rows into the same records table in one transaction; ${result.cpu}`,
        };
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'sync push: 10k mutations in one transaction',
    target: '≤ 2×',
    maxRatio: 2,
    async run() {
      const server = await serverFixture();
      // The same work as one storage.push: a request holds at most MAX_PUSH_MUTATIONS (5000), so this calls the
      // storage directly, after parsing and validating the body as the route does.
      const mutations = z.array(mutation);
      try {
        const result = await comparePush(
          (r) => JSON.stringify(workload(`one${r}`)),
          async (body) => {
            const now = new Date();
            const outcome = await server.storage.push({
              actor: server.user,
              clientId: randomUUID(),
              mutations: mutations.parse(JSON.parse(body)),
              now: now.toISOString(),
              lapseFrom: (status) => server.deps.lapse(status, now),
              score: await server.deps.scoring?.scorer(),
            });
            if (outcome.kind !== 'applied') throw new Error(`push ${outcome.kind}`);
          },
        );
        return {
          ...result,
          detail: `${PUSH_MUTATIONS} upserts in one storage.push (one transaction; JSON.parse and zod as the route, no HTTP; ${PUSH_WORK}) vs the same raw upserts; ${result.cpu}`,
        };
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'sync pull: 100k records, streamed',
    target: 'informative: rows/s vs raw SELECT; server peak RSS growth < 100 MB',
    async run() {
      // Seed the data folder directly, then start the real server process on it and pull over HTTP.
      const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-bench-pull-'));
      const storage = openSqliteStorage(join(dataDir, 'leadcard.db'), { synchronous: 'NORMAL' });
      await storage.migrate();
      const user = (await storage.createUser({
        id: randomUUID(),
        name: 'alice',
        role: 'rep',
        team: 'east',
        passwordHash: 'x',
        createdAt: new Date().toISOString(),
      })) as User;
      const token = generateToken();
      await storage.createToken({
        id: randomUUID(),
        userName: 'alice',
        kind: 'api',
        hash: hashToken(token),
        label: null,
        createdAt: new Date().toISOString(),
        expiresAt: null,
      });
      const clientId = randomUUID();
      for (let start = 0; start < PULL_RECORDS; start += 5000) {
        const mutations: Mutation[] = Array.from({ length: 5000 }, (_, i) => ({
          seq: start + i + 1,
          hlc: encodeHlc({ wall: 1_700_000_000_000 + start + i, counter: 0, node: 'seed' }),
          entity: 'contact',
          id: nextId(),
          op: 'upsert',
          fields: {
            name: 'Contact',
            title: '采购经理',
            emails: [`c${start + i}@example.com`],
            phones: ['+8613800138000'],
          },
        }));
        const out = await storage.push({
          actor: user,
          clientId,
          mutations,
          now: new Date().toISOString(),
          lapseFrom: () => null,
        });
        if (out.kind !== 'applied') throw new Error(`seeding failed: ${out.kind}`);
      }
      await storage.close();

      const server = await startRealServer({ dataDir });
      const pid = server.process.pid as number;
      const status = (field: 'VmRSS' | 'VmHWM') =>
        Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 'NaN') /
        1024;
      await fetch(`${server.url}/api/v1/health`);
      const idle = status('VmRSS');
      const raw = new Database(join(dataDir, 'leadcard.db'), { readonly: true });
      const select = raw.prepare('SELECT entity, id, version, deleted, fields FROM records ORDER BY version');
      let pulled = 0;
      try {
        const result = await compareInterleaved(
          async () => {
            let since = 0;
            pulled = 0;
            for (;;) {
              const res = await fetch(`${server.url}/api/v1/sync/pull?since=${since}&limit=5000`, {
                headers: { authorization: `Bearer ${token}` },
              });
              const page = (await res.json()) as { changes: unknown[]; cursor: number; more: boolean };
              pulled += page.changes.length;
              since = page.cursor;
              if (!page.more) break;
            }
          },
          () => {
            let n = 0;
            for (const row of select.iterate() as Iterable<{ fields: string }>) {
              JSON.parse(row.fields);
              n++;
            }
            if (n !== PULL_RECORDS) throw new Error(`raw select saw ${n}`);
          },
          { repeats: 3, warmup: 1 },
        );
        if (pulled !== PULL_RECORDS) throw new Error(`pulled ${pulled} of ${PULL_RECORDS}`);
        const growth = status('VmHWM') - idle;
        const rate = (ms: number) => Math.round((PULL_RECORDS / ms) * 1000).toLocaleString('en');
        return {
          ...result,
          detail: `${PULL_RECORDS} contacts pulled from the real server over HTTP in pages of 5000 (${rate(result.measured)} rows/s) vs raw SELECT + JSON.parse in-process (${rate(result.baseline)} rows/s); server peak RSS ${growth.toFixed(0)} MB over idle (${idle.toFixed(0)} MB)`,
        };
      } finally {
        raw.close();
        await server.stop();
      }
    },
  },
];
