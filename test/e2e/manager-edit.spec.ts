import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeId } from '../factories/entities';
import { CHROMIUM } from '../support/browser';
import { type RunningServer, startRealServer } from '../support/server';
import { addUser } from '../support/users';
import { ManagerPage } from './support/manager-page';

const SHOTS = new URL('../../test-results/manager/', import.meta.url).pathname;

/** Signs in through the API as the extension does and returns the token. */
async function tokenOf(url: string, name: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, device: 'extension' }),
  });
  return ((await login.json()) as { token: string }).token;
}

describe('editing a card on the manager page', () => {
  let server: RunningServer;
  let browser: Browser;
  let aliceToken: string;
  const accountId = makeId();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-manager-edit-'));
    addUser(dataDir, 'mia', 'manager', 'east', 'mia-password-1');
    addUser(dataDir, 'alice', 'rep', 'east', 'alice-password-1');
    server = await startRealServer({ dataDir });
    aliceToken = await tokenOf(server.url, 'alice', 'alice-password-1');
    // Aware, a high match and 120,000 of a 600,000 budget: 甲 (A).
    const push = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${aliceToken}` },
      body: JSON.stringify({
        clientId: '0193a000-0000-7000-8000-0000000e2e01',
        mutations: [
          {
            seq: 1,
            hlc: `${String(Date.now()).padStart(15, '0')}:00000:e2e`,
            entity: 'account',
            id: accountId,
            op: 'upsert',
            fields: makeAccount({ name: '宁波东方电子有限公司' }),
          },
        ],
      }),
    });
    expect(await push.json()).toEqual({ ackedSeq: 1 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const qualification = (page: Page, label: string) =>
    page.locator('.facts dl > div', { has: page.locator('dt', { hasText: label }) }).locator('dd');

  /** What alice's extension would receive on its next pull. */
  async function pulledByAlice(): Promise<{ version: number; fields: Record<string, unknown> }> {
    const res = await fetch(`${server.url}/api/v1/sync/pull?since=0`, {
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    const body = (await res.json()) as { changes: { id: string; version: number; fields: Record<string, unknown> }[] };
    const change = body.changes.find((c) => c.id === accountId);
    if (!change) throw new Error('the account is not in alice’s pull');
    return change;
  }

  it('a manager edits the 甲/乙/丙 inputs; the qualification shown changes and the rep pulls it (en, zh-CN)', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('mia', 'mia-password-1');
    await manager.language('en');
    await page.goto(`${server.url}/account/${accountId}`);
    const shown = qualification(page, 'Qualification');
    await expect.poll(() => shown.textContent()).toBe('A (qualified)');
    const before = await pulledByAlice();

    const edit = page.locator('[data-testid="account-edit"]');
    await edit.locator('summary').click();
    await edit.locator('select[name="aware"]').selectOption('no');
    await edit.locator('select[name="match"]').selectOption('none');
    await edit.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="edit-result"]').textContent()).toMatch(/^Saved as version \d+/);
    await expect.poll(() => shown.textContent()).not.toBe('A (qualified)');
    const after = await pulledByAlice();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.fields.needs).toMatchObject({ aware: false, match: 'none', budgetTotal: 600_000 });
    expect((after.fields.grades as { qualification: string }).qualification).not.toBe('A');
    expect(await manager.accessibilityViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}account-edit-en.png`, fullPage: true });

    await manager.language('zh-CN');
    const shownZh = qualification(page, '资格');
    // The form stays open after a save (it remounts inside the same <details>).
    if ((await edit.getAttribute('open')) === null) await edit.locator('summary').click();
    await edit.locator('select[name="aware"]').selectOption('yes');
    await edit.locator('select[name="match"]').selectOption('high');
    await edit.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="edit-result"]').textContent()).toMatch(/^已保存为第 \d+ 版/);
    await expect.poll(() => shownZh.textContent()).toBe('甲（合格）');
    expect((await pulledByAlice()).version).toBeGreaterThan(after.version);
    expect(await page.locator('main img').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}account-edit-zh-CN.png`, fullPage: true });
    await context.close();
  });
});
