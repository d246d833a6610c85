import { afterAll, beforeAll } from 'vitest';
import type { LeadcardDb } from '../../extension/store/db';
import { openTestDb } from '../../extension/store/test-db';
import { type RunningServer, startRealServer } from './server';
import { addUser } from './users';

export interface TeamServer {
  /** The real `leadcard serve` on loopback; a test that restarts it assigns the new one here. */
  server: RunningServer;
  /** A device's store (fake-indexeddb), closed after the suite. */
  device(name: string): LeadcardDb;
  now(): string;
}

/**
 * For a suite of extension-against-server tests: starts the real server with team "east" — reps li and wang
 * (passwords `li-password-1`, `wang-password-1`) and their manager boss (`boss-password-1`) — and stops it and
 * closes every device store afterwards.
 */
export function useTeamServer(): TeamServer {
  const dbs: LeadcardDb[] = [];
  const team: TeamServer = {
    server: undefined as unknown as RunningServer,
    device(name) {
      const db = openTestDb(name);
      dbs.push(db);
      return db;
    },
    now: () => new Date().toISOString(),
  };
  beforeAll(async () => {
    team.server = await startRealServer();
    addUser(team.server.dataDir, 'li', 'rep', 'east', 'li-password-1');
    addUser(team.server.dataDir, 'wang', 'rep', 'east', 'wang-password-1');
    addUser(team.server.dataDir, 'boss', 'manager', 'east', 'boss-password-1');
  }, 60_000);
  afterAll(async () => {
    for (const db of dbs) db.close();
    await team.server?.stop();
  });
  return team;
}
