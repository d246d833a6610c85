import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/server';
import { type ManagerFixture, SHOTS, startManagerFixture } from './support/manager-fixture';
import { ManagerPage } from './support/manager-page';

describe('editing a card on the manager page', () => {
  let server: RunningServer;
  let browser: Browser;
  let aliceToken: string;
  let accountId: string;
  let fixture: ManagerFixture | undefined;

  beforeAll(async () => {
    fixture = await startManagerFixture({
      prefix: 'leadcard-manager-edit-',
      clientId: '0193a000-0000-7000-8000-0000000e2e01',
      accountName: '宁波东方电子有限公司',
    });
    ({ server, browser, aliceToken, accountId } = fixture);
  });
  afterAll(async () => {
    await fixture?.stop();
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
