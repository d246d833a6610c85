import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser';
import { type RunningServer, startRealServer } from '../support/server';
import { addUser } from '../support/users';
import { ManagerPage } from './support/manager-page';

/**
 * The manager page while the server's reports warm up after a start (task H8). On a small database the real
 * warm-up lasts milliseconds, so the browser is given the server's 503 warming-up answer (its exact shape, see
 * server/routes/reports-warm-up.test.ts) for the first two pipeline requests; the retries then reach the real server.
 */
describe('manager page while reports are being prepared', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-warming-'));
    addUser(dataDir, 'mia', 'manager', 'east', 'mia-password-1');
    server = await startRealServer({ dataDir });
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

  it('shows "Preparing reports… N%" with a progress bar, asks again, then shows the pipeline', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    const warming = [
      { done: 1, total: 4 },
      { done: 3, total: 4 },
    ];
    let asked = 0;
    await page.route(/\/api\/v1\/reports\/pipeline(\?|$)/, async (route) => {
      asked++;
      const progress = warming.shift();
      if (!progress) return route.continue();
      const percent = Math.floor((progress.done * 100) / progress.total);
      await route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: JSON.stringify({
          error: { code: 'warming-up', message: `reports are being prepared (${percent}%)`, field: null },
          progress,
        }),
      });
    });
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('mia', 'mia-password-1');

    const status = page.locator('[data-testid="warming"]').first();
    await expect.poll(() => status.locator('p').textContent()).toBe('Preparing reports… 25%');
    const bar = status.getByRole('progressbar', { name: 'Reports prepared' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('25');
    // The fill is sized through the style object, which the page's CSP (no inline styles) lets through.
    const fill = await bar.evaluate((element) => {
      const inner = element.firstElementChild as HTMLElement;
      return inner.getBoundingClientRect().width / element.getBoundingClientRect().width;
    });
    expect(fill).toBeGreaterThan(0.2);
    expect(fill).toBeLessThan(0.3);
    expect(await manager.accessibilityViolations()).toEqual([]);

    await expect.poll(() => status.locator('p').textContent()).toBe('Preparing reports… 75%');
    await page.locator('[data-testid="warming"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
    expect(asked).toBe(3);
    await page.locator('[data-testid="pipeline-summary"]').waitFor(); // the real answer, rendered
    expect(await page.locator('[role="progressbar"]').count()).toBe(0);
    expect(await page.locator('main [role="alert"]').count()).toBe(0);
    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
