import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { makeAccount, makeId } from '../../factories/entities';
import { CHROMIUM } from '../../support/browser';
import { type RunningServer, startRealServer } from '../../support/server';
import { addUser, deviceToken } from '../../support/users';

/** Where the manager page's screenshots go. */
export const SHOTS = new URL('../../../test-results/manager/', import.meta.url).pathname;

export type ManagerFixture = {
  server: RunningServer;
  browser: Browser;
  /** Alice's device token (rep, team east). */
  aliceToken: string;
  /** The account alice pushed, owned by her. */
  accountId: string;
  stop: () => Promise<void>;
};

/**
 * The real server with mia (manager, east) and alice (rep, east), plus any `extraUsers`; alice has pushed one
 * account named `accountName` from device `clientId`; and a headless Chromium that reaches only 127.0.0.1.
 */
export async function startManagerFixture(options: {
  prefix: string;
  clientId: string;
  accountName: string;
  extraUsers?: [name: string, role: 'rep' | 'manager' | 'admin', team: string, password: string][];
}): Promise<ManagerFixture> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), options.prefix));
  for (const [name, role, team, password] of options.extraUsers ?? []) addUser(dataDir, name, role, team, password);
  addUser(dataDir, 'mia', 'manager', 'east', 'mia-password-1');
  addUser(dataDir, 'alice', 'rep', 'east', 'alice-password-1');
  const server = await startRealServer({ dataDir });
  const aliceToken = await deviceToken(server.url, 'alice', 'alice-password-1');
  const accountId = makeId();
  // Aware, a high match and 120,000 of a 600,000 budget (the factory's defaults): 甲 (A).
  const push = await fetch(`${server.url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${aliceToken}` },
    body: JSON.stringify({
      clientId: options.clientId,
      mutations: [
        {
          seq: 1,
          hlc: `${String(Date.now()).padStart(15, '0')}:00000:e2e`,
          entity: 'account',
          id: accountId,
          op: 'upsert',
          fields: makeAccount({ name: options.accountName }),
        },
      ],
    }),
  });
  expect(await push.json()).toEqual({ ackedSeq: 1 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  return {
    server,
    browser,
    aliceToken,
    accountId,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
