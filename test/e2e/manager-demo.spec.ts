import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser';
import { runCli } from '../support/cli';
import { type RunningServer, startRealServer } from '../support/server';
import { ManagerPage } from './support/manager-page';

const SHOTS = new URL('../../test-results/manager/', import.meta.url).pathname;

/** The passwords `seed --demo` prints once: `First run: … admin "admin" with the password P` and `  NAME\tROLE\tTEAM\tP`. */
function passwordsOf(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  const admin = /created the admin "(\S+)" with the password (\S+)/.exec(stdout);
  if (admin?.[1] && admin[2]) out[admin[1]] = admin[2];
  for (const match of stdout.matchAll(/^ {2}(\S+)\t\S+\t\S+\t(\S+)$/gm))
    if (match[1] && match[2]) out[match[1]] = match[2];
  return out;
}

describe('manager page on the demo data (seed --demo) in real Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let passwords: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-demo-'));
    const seeded = await runCli(['seed', '--demo', '--accounts', '160', '--data', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    passwords = passwordsOf(seeded.stdout);
    expect(Object.keys(passwords).sort()).toEqual([
      'admin',
      'chen.jing',
      'emma.hart',
      'james.lee',
      'li.lei',
      'noah.smith',
      'olivia.chen',
      'wang.fang',
      'zhang.wei',
    ]);
    // A second seed of the same database is refused (exit 1, a one-line reason).
    const again = await runCli(['seed', '--demo', '--data', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds data/);
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
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(name: string, locale = 'en-US'): Promise<{ page: Page; manager: ManagerPage }> {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const manager = new ManagerPage(page, server.url);
    await manager.signIn(name, passwords[name] as string);
    return { page, manager };
  }

  async function token(name: string): Promise<string> {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: passwords[name], device: 'extension' }),
    });
    return ((await res.json()) as { token: string }).token;
  }

  it('shows every view on the demo data in en and zh-CN, with the leads and users views, and passes axe', async () => {
    const { page, manager } = await signedIn('admin');
    for (const locale of ['en', 'zh-CN'] as const) {
      await manager.language(locale);
      for (const view of ['pipeline', 'leads', 'forecast', 'key-accounts', 'structure', 'churn', 'users'] as const) {
        await manager.open(view);
        if (view === 'leads') {
          await expect.poll(() => page.locator('[data-testid="lead-row"]').count()).toBe(50);
          expect(await page.locator('.pager').count()).toBe(1);
        }
        if (view === 'users') await expect.poll(() => page.locator('[data-testid="users"] tbody tr').count()).toBe(9);
        await page.screenshot({ path: `${SHOTS}demo-${view}-${locale}.png`, fullPage: true });
        expect(await manager.accessibilityViolations(), `${view} ${locale}`).toEqual([]);
      }
    }
  }, 180_000);

  it('filters and sorts leads on the server and explains a score in the page’s language', async () => {
    const { page, manager } = await signedIn('wang.fang', 'zh-CN');
    await manager.open('leads');
    await page.locator('select[name="band"]').selectOption('hot');
    await expect
      .poll(async () =>
        (await page.locator('[data-testid="lead-row"] .band').allTextContents()).every((b) => b === '热'),
      )
      .toBe(true);
    const scores = (await page.locator('[data-testid="lead-row"] td.number').allTextContents()).map(Number);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 70)).toBe(true);
    // Owners are the East team's reps or the pool: a manager sees only their team.
    const owners = await page.locator('[data-testid="lead-row"] td:nth-of-type(6)').allTextContents();
    expect(owners.every((o) => /^(li\.lei|zhang\.wei|chen\.jing|公海)/.test(o))).toBe(true);
    await page.locator('[data-testid="lead-row"] button[aria-expanded]').first().click();
    const lines = page.locator('[data-testid="lead-explanation"] li');
    await expect.poll(() => lines.count()).toBeGreaterThan(2);
    expect((await lines.allTextContents()).join('\n')).toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: `${SHOTS}demo-leads-explained-zh-CN.png`, fullPage: true });
    expect(await manager.accessibilityViolations()).toEqual([]);
  }, 60_000);

  it('bulk-assigns leads to a rep, releases them to the pool, and shows a refusal with its reason', async () => {
    const { page, manager } = await signedIn('wang.fang');
    await manager.open('leads');
    const rows = page.locator('[data-testid="lead-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const ids = await Promise.all([0, 1].map((i) => rows.nth(i).getAttribute('data-id')));
    for (const i of [0, 1]) await rows.nth(i).locator('input[type="checkbox"]').check();
    await page.locator('select[name="assignee"]').selectOption('chen.jing');
    await page.locator('button[data-action="assign"]').click();
    await expect
      .poll(() => page.locator('[data-testid="lead-outcome"]').textContent())
      .toContain('Assign: 2 done, 0 refused');
    const headers = { authorization: `Bearer ${await token('wang.fang')}` };
    for (const id of ids) {
      const card = (await (await fetch(`${server.url}/api/v1/accounts/${id}`, { headers })).json()) as {
        fields: { owner: string };
      };
      expect(card.fields.owner).toBe('chen.jing');
    }
    // The manager locks the first to chen.jing; chen.jing may then not release it (the refusal says why).
    const lock = await fetch(`${server.url}/api/v1/accounts/${ids[0]}/lock`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ locked: true }),
    });
    expect(lock.status).toBe(200);
    const rep = await signedIn('chen.jing');
    await rep.manager.open('leads');
    for (const id of ids) await rep.page.locator(`[data-id="${id}"] input[type="checkbox"]`).check();
    expect(await rep.page.locator('button[data-action="assign"]').count()).toBe(0);
    await rep.page.locator('button[data-action="release"]').click();
    const outcome = rep.page.locator('[data-testid="lead-outcome"]');
    await expect.poll(() => outcome.textContent()).toContain('1 done, 1 refused');
    expect(await outcome.textContent()).toContain('locked to its owner by a manager');
    await rep.page.screenshot({ path: `${SHOTS}demo-leads-refused-en.png`, fullPage: true });
    // The released one is in the pool: claim it back from the pool view.
    await rep.page.locator('input[name="pool"]').check();
    await rep.page.locator(`[data-id="${ids[1]}"] input[type="checkbox"]`).check();
    await rep.page.locator('button[data-action="claim"]').click();
    await expect.poll(() => outcome.textContent()).toContain('Claim: 1 done, 0 refused');
  }, 90_000);

  it('lets an admin add a user (password shown once), disable, reset and revoke; a rep cannot (UI and API)', async () => {
    const { page, manager } = await signedIn('admin', 'zh-CN');
    await manager.language('zh-CN');
    await manager.open('users');
    await page.locator('input[name="new-name"]').fill('赵敏');
    await page.locator('select[name="new-role"]').selectOption('rep');
    await page.locator('input[name="new-team"]').fill('East');
    await page.locator('form.user-add button[type="submit"]').click();
    const secret = page.locator('[data-testid="users-secret"]');
    await secret.waitFor();
    const password = (await secret.textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    await page.screenshot({ path: `${SHOTS}demo-users-created-zh-CN.png`, fullPage: true });
    // The new rep signs in with it; disabling them ends that at once.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '赵敏', password, device: 'extension' }),
    });
    expect(login.status).toBe(200);
    const { token: repToken } = (await login.json()) as { token: string };
    await page.locator('tr[data-user="赵敏"] button[data-action="disable"]').click();
    await expect.poll(() => page.locator('tr[data-user="赵敏"] td:nth-of-type(3)').textContent()).toBe('已停用');
    const me = await fetch(`${server.url}/api/v1/reports/me`, { headers: { authorization: `Bearer ${repToken}` } });
    expect(me.status).toBe(401);
    await page.locator('tr[data-user="noah.smith"] button[data-action="password"]').click();
    await expect.poll(() => secret.textContent()).not.toBe(password);
    expect(await manager.accessibilityViolations()).toEqual([]);

    const rep = await signedIn('li.lei');
    expect(await rep.page.locator('nav.views a[href="/users"]').count()).toBe(0);
    await rep.page.goto(`${server.url}/users`);
    await rep.page.locator('[data-testid="users-admin-only"]').waitFor();
    expect(await rep.page.locator('[data-testid="users"]').count()).toBe(0);
    await rep.page.screenshot({ path: `${SHOTS}demo-users-rep-en.png`, fullPage: true });
    const api = await fetch(`${server.url}/api/v1/users`, {
      headers: { authorization: `Bearer ${await token('james.lee')}` },
    });
    expect(api.status).toBe(403);
  }, 90_000);
});
