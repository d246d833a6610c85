import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { generatePassword, hashPassword } from './auth/secrets';
import { openSqliteStorage, type SqliteStorage } from './db/sqlite';
import type { Storage } from './db/storage';
import { makeDeps } from './deps';
import { sweepLapsed } from './ownership/ownership';
import { writePidFile } from './pid-file';
import { Scoring } from './scoring/scoring';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  log?: (line: string) => void;
}

/** The database file of a data folder (`--data DIR`). */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'leadcard.db');
}

/** Opens the data folder's database and applies pending migrations (every command that touches the database). */
export async function openData(dataDir: string): Promise<SqliteStorage> {
  const storage = openSqliteStorage(databaseFile(dataDir));
  await storage.migrate();
  return storage;
}

/**
 * The quick start's first run: with no user at all, create the admin `admin` with a generated password and
 * return it so the caller prints it once. With any user present, nothing happens (so never again).
 */
export async function ensureFirstAdmin(
  storage: Storage,
  now: Date,
): Promise<{ name: string; password: string } | null> {
  if ((await storage.countUsers()) > 0) return null;
  const password = generatePassword();
  const created = await storage.createUser({
    id: randomUUID(),
    name: 'admin',
    role: 'admin',
    team: null,
    passwordHash: await hashPassword(password),
    createdAt: now.toISOString(),
  });
  return created === 'exists' ? null : { name: 'admin', password };
}

/** Starts the HTTP server; resolves with the URL once it listens. Closes the database on SIGTERM/SIGINT. */
export async function startServer(options: ServeOptions): Promise<{
  url: string;
  firstAdmin: { name: string; password: string } | null;
  close: () => Promise<void>;
}> {
  const storage = await openData(options.dataDir);
  const firstAdmin = await ensureFirstAdmin(storage, new Date());
  const log = options.log ?? (() => {});
  const deps = makeDeps(storage, { log });
  // Scoring (server/scoring/): a push grades its accounts in its own transaction; the population batch follows
  // when pushes settle, a full re-score after a rule change, at start and on a schedule.
  const scoring = new Scoring({ storage, now: deps.now, log });
  deps.scoring = scoring;
  deps.rescore = async (accountId) => scoring.touched(accountId);
  await scoring.start();
  await sweepLapsed(deps);
  // Lapsed accounts go to the pool within a minute (and at once before a claim or a duplicate check).
  const sweeper = setInterval(() => {
    void sweepLapsed(deps).catch((error: Error) => deps.log(`lapse sweep failed: ${error.message}`));
  }, 60_000);
  sweeper.unref();
  const app = createApp(deps);
  const removePidFile = writePidFile(options.dataDir);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}/`;
      const close = () =>
        new Promise<void>((done) => {
          clearInterval(sweeper);
          server.close(() => {
            removePidFile();
            void scoring
              .stop()
              .then(() => storage.close())
              .then(done);
          });
        });
      const stop = () => {
        // Open keep-alive or streaming connections must not keep a stopping server alive for long.
        setTimeout(() => process.exit(0), 5000).unref();
        void close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      resolve({ url, firstAdmin, close });
    });
  });
}
