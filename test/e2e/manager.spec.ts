import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount } from '../factories/entities';
import { CHROMIUM } from '../support/browser';
import { type RunningServer, startRealServer } from '../support/server';
import { addUser } from '../support/users';
import { ManagerPage } from './support/manager-page';

const SHOTS = new URL('../../test-results/manager/', import.meta.url).pathname;
const MARKUP = '<img src=x onerror=alert(1)>';
const DAY = 86_400_000;

/** A UUIDv7 made at `ms`: the report reads an opportunity's creation time from its id. */
const idAt = (ms: number, n: number) => {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${n.toString(16).padStart(12, '0')}`;
};
const hlc = (ms: number) => `${String(ms).padStart(15, '0')}:00000:e2e`;

/** Pushes one account with opportunities and a large sale through the sync API, as the extension would. */
async function pushAs(url: string, name: string, password: string, seed: number, accountName: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, device: 'extension' }),
  });
  const { token } = (await login.json()) as { token: string };
  const now = Date.now();
  const accountId = idAt(now, seed * 100);
  const opportunity = (n: number, stage: string, amount: number, ageDays: number) => ({
    seq: n + 1,
    hlc: hlc(now + n),
    entity: 'opportunity',
    id: idAt(now - ageDays * DAY, seed * 100 + n),
    op: 'upsert',
    fields: {
      accountId,
      name: `${accountName} · ${stage}`,
      stage,
      amount,
      currency: 'CNY',
      expectedClose: new Date(now + 20 * DAY).toISOString(),
    },
  });
  const mutations = [
    {
      seq: 1,
      hlc: hlc(now),
      entity: 'account',
      id: accountId,
      op: 'upsert',
      fields: makeAccount({ name: accountName }),
    },
    opportunity(1, 'bidding', 100_000, 1),
    // Created 30 days ago with no activity since: stuck.
    opportunity(2, 'proposal', 50_000, 30),
    {
      seq: 4,
      hlc: hlc(now + 4),
      entity: 'transaction',
      id: idAt(now, seed * 100 + 50),
      op: 'upsert',
      fields: { accountId, at: new Date(now - 5 * DAY).toISOString(), amount: 1_500_000, currency: 'CNY' },
    },
    {
      seq: 5,
      hlc: hlc(now + 5),
      entity: 'activity',
      id: idAt(now, seed * 100 + 60),
      op: 'upsert',
      fields: {
        accountId,
        type: 'visit',
        at: new Date(now - 40 * DAY).toISOString(),
        by: name,
        summary: '面访',
        next: { at: new Date(now + 3 * DAY).toISOString(), place: '深圳', purpose: accountName },
      },
    },
    ...[12, 30].map((days, i) => ({
      seq: 6 + i,
      hlc: hlc(now + 6 + i),
      entity: 'complaint',
      id: idAt(now, seed * 100 + 70 + i),
      op: 'upsert',
      fields: {
        accountId,
        at: new Date(now - days * DAY).toISOString(),
        category: 'product-quality',
        channel: 'phone',
        summary: `${accountName} complaint ${i + 1}`,
        step: i === 0 ? 'recorded' : 'assigned',
        responsiblePerson: i === 0 ? null : '王工',
      },
    })),
  ];
  const push = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: idAt(now, seed * 100 + 99), mutations }),
  });
  expect(await push.json()).toEqual({ ackedSeq: 7 });
}

describe('manager page in real Chromium against the real server', () => {
  let server: RunningServer;
  let browser: Browser;
  const dialogs: string[] = [];
  const cspErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'leadcard-manager-'));
    addUser(dataDir, 'mia', 'manager', 'east', 'mia-password-1');
    addUser(dataDir, 'alice', 'rep', 'east', 'alice-password-1');
    addUser(dataDir, 'carol', 'rep', 'east', 'carol-password-1');
    addUser(dataDir, 'root', 'admin', 'hq', 'root-password-1');
    server = await startRealServer({ dataDir });
    await pushAs(server.url, 'alice', 'alice-password-1', 1, MARKUP);
    await pushAs(server.url, 'carol', 'carol-password-1', 2, '杭州海康科技有限公司');
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

  async function newPage(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    return page;
  }

  it('serves the page at / with a strict CSP and no inline script', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('signs a manager in and shows the team’s pipeline with the weighted forecast and stuck deals', async () => {
    const page = await newPage();
    const manager = new ManagerPage(page, server.url);
    await page.goto(server.url);
    await page.locator('form.login').waitFor();
    await page.screenshot({ path: `${SHOTS}login-en.png` });
    await manager.signIn('mia', 'mia-password-1');
    await page.locator('[data-testid="pipeline-summary"]').waitFor();
    // 2 × (100,000 bidding + 50,000 proposal): 300,000; weighted 2 × (60,000 + 20,000) = 160,000.
    const summary = await page.locator('[data-testid="pipeline-summary"]').textContent();
    expect(summary).toContain('4 opportunities');
    expect(summary).toContain('¥300,000.00');
    expect(summary).toContain('¥160,000.00');
    await expect.poll(() => page.locator('[data-stage="bidding"] [data-testid="opportunity-card"]').count()).toBe(2);
    await expect.poll(() => page.locator('.card.stuck').count()).toBe(2);
    expect(await page.locator('#stuck-heading').textContent()).toBe('Stuck opportunities (2)');
    // The captured name with markup is text: visible as typed, never an element, never run.
    await expect.poll(() => page.getByText(`${MARKUP} · bidding`).count()).toBe(1);
    expect(await page.locator('main img').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}pipeline-en.png`, fullPage: true });
  });

  it('renders every view with data in en and zh-CN, remembers the language, and passes axe', async () => {
    const page = await newPage();
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('mia', 'mia-password-1');
    const timings: Record<string, number> = {};
    for (const locale of ['en', 'zh-CN'] as const) {
      await manager.language(locale);
      for (const view of [
        'pipeline',
        'forecast',
        'key-accounts',
        'structure',
        'churn',
        'activity',
        'complaints',
      ] as const) {
        const started = Date.now();
        await manager.open(view);
        timings[`${view}-${locale}`] = Date.now() - started;
        if (view === 'forecast') {
          await page.locator('.chart canvas').first().waitFor();
          expect(await page.locator('[data-testid="forecast-reps"] tbody tr').count()).toBe(2);
        }
        if (view === 'key-accounts') {
          await page.locator('.chart canvas').first().waitFor();
          const rows = page.locator('[data-testid="ka-list"] tbody tr');
          await expect.poll(() => rows.count()).toBe(2);
          expect(await rows.first().textContent()).toMatch(
            locale === 'en' ? /Trailing 12-month revenue/ : /近|收入|12/,
          );
        }
        if (view === 'structure') {
          expect(await page.locator('[data-testid="pyramid"] tbody tr').count()).toBe(4);
          expect(await page.locator('[data-testid="rfm"] tbody td.m0').count()).toBeLessThan(25);
        }
        if (view === 'churn') {
          // Two complaints in the last 90 days, none before: complaints rising, for both reps' accounts.
          await expect.poll(() => page.locator('[data-testid="churn"] tbody tr').count()).toBe(2);
          expect(await page.locator('[data-testid="churn"]').textContent()).toContain(MARKUP);
        }
        if (view === 'activity') {
          expect(await page.locator('[data-testid="activity"] tbody tr').count()).toBe(2);
          expect(await page.locator('[data-testid="meetings"] tbody tr').count()).toBe(2);
        }
        if (view === 'complaints') {
          expect(await page.locator('[data-step="recorded"] [data-testid="complaint-card"]').count()).toBe(2);
          expect(await page.locator('[data-step="assigned"] .card.stuck').count()).toBe(2);
        }
        await page.screenshot({ path: `${SHOTS}${view}-${locale}.png`, fullPage: true });
        expect(await manager.accessibilityViolations(), `${view} ${locale}`).toEqual([]);
      }
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('nav.views a[aria-current="page"]').textContent()).toBe('投诉');
    await page.reload();
    await page.locator('nav.views').waitFor();
    expect(await page.locator('nav.views a[aria-current="page"]').textContent()).toBe('投诉');
    expect(await page.locator('main h1').textContent()).toBe('投诉处理');
    console.log(`manager views, ms to render (4 opportunities): ${JSON.stringify(timings)}`);
  });

  it('shows a rep only their own pipeline', async () => {
    const page = await newPage('zh-CN');
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('carol', 'carol-password-1');
    const summary = await page.locator('[data-testid="pipeline-summary"]').textContent();
    expect(summary).toContain('2 个商机');
    expect(await page.getByText(MARKUP, { exact: false }).count()).toBe(0);
    expect(await page.locator('select[name="owner"]').count()).toBe(0);
  });

  it('refuses a wrong password with a message and no session', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.locator('input[name="name"]').fill('mia');
    await page.locator('input[name="password"]').fill('wrong');
    await page.locator('form.login button[type="submit"]').click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('Sign-in failed');
    expect(await page.locator('nav.views').count()).toBe(0);
  });

  it('opens an account’s card from the key accounts, with its sections and history, as text', async () => {
    const page = await newPage();
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('mia', 'mia-password-1');
    await manager.open('key-accounts');
    await page.locator('[data-testid="ka-list"] a', { hasText: MARKUP }).click();
    await page.locator('#account-heading').waitFor();
    expect(await page.locator('#account-heading').textContent()).toBe(MARKUP);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('[data-testid="history"]').textContent()).toContain('面访');
    expect(page.url()).toMatch(/\/account\/[0-9a-f-]+$/);
    for (const locale of ['en', 'zh-CN'] as const) {
      await manager.language(locale);
      await page.screenshot({ path: `${SHOTS}account-${locale}.png`, fullPage: true });
      expect(await manager.accessibilityViolations(), `account ${locale}`).toEqual([]);
    }
    expect(await page.locator('main h2').first().textContent()).toBe('基本资料');
    await page.reload();
    await page.locator('#account-heading').waitFor();
    expect(await page.locator('#account-heading').textContent()).toBe(MARKUP);
  });

  it('refuses a stage move that skips a key node, and lets a manager override it with a reason', async () => {
    const rep = new ManagerPage(await newPage(), server.url);
    await rep.signIn('carol', 'carol-password-1');
    const carolsCard = rep.page.locator('[data-stage="bidding"] [data-testid="opportunity-card"]');
    await carolsCard.waitFor();
    // Drag carol's bidding deal to negotiation: the bid-submitted key node is missing, and a rep cannot override.
    await carolsCard.dragTo(rep.page.locator('[data-stage="negotiation"]'));
    const repPanel = rep.page.locator('[data-testid="move-panel"]');
    await expect.poll(() => repPanel.textContent()).toContain('bid submitted / negotiated tender');
    expect(await repPanel.textContent()).toContain('Only a manager can override');
    expect(await repPanel.locator('input[name="reason"]').count()).toBe(0);

    const page = await newPage();
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('mia', 'mia-password-1');
    const card = page.locator('[data-stage="bidding"] [data-testid="opportunity-card"]', { hasText: MARKUP });
    await card.locator('select[name="stage"]').selectOption('negotiation');
    const panel = page.locator('[data-testid="move-panel"]');
    await expect.poll(() => panel.textContent()).toContain('skips key nodes');
    await page.screenshot({ path: `${SHOTS}stage-move-refused-en.png`, fullPage: true });
    await panel.locator('input[name="reason"]').fill('合同已口头确认');
    await panel.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('Moved');
    await expect
      .poll(() => page.locator('[data-stage="negotiation"] [data-testid="opportunity-card"]').count())
      .toBe(1);
    expect(await page.locator('[data-stage="negotiation"]').textContent()).toContain(MARKUP);
    // 80% of 100,000 now instead of 60%: the weighted forecast follows.
    expect(await page.locator('[data-testid="pipeline-summary"]').textContent()).toContain('¥180,000.00');
  });

  it('lets an admin change a rule: errors name the rule and field, a save is a new version, re-scoring completes', async () => {
    const page = await newPage();
    const admin = new ManagerPage(page, server.url);
    await admin.signIn('root', 'root-password-1');
    await admin.open('rules');
    const warm = page.locator('input[data-field="rules.leadScore.bands.warm"]');
    const hot = page.locator('input[data-field="rules.leadScore.bands.hot"]');
    expect(await hot.inputValue()).toBe('70');
    await warm.fill('90');
    await page.locator('form.rules button[type="submit"]').click();
    const error = page.locator('[data-testid="rules-error"]');
    await expect.poll(() => error.textContent()).toContain('rules.leadScore.bands.hot');
    expect(await hot.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}rules-invalid-en.png`, fullPage: true });

    await warm.fill('45');
    await hot.fill('75');
    await page.locator('form.rules button[type="submit"]').click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('Saved as version 2');
    await expect
      .poll(() => page.locator('[data-testid="rescore"]').textContent(), { timeout: 20_000 })
      .toMatch(/Re-scored \d+ accounts with version 2/);
    await page.locator('[data-testid="rule-history"] button').first().click();
    await expect.poll(() => page.locator('[data-testid="rule-diff"]').textContent()).toContain('leadScore.bands.hot');
    expect(await page.locator('[data-testid="rule-diff"] tr').count()).toBe(2);
    for (const locale of ['en', 'zh-CN'] as const) {
      await admin.language(locale);
      await page.screenshot({ path: `${SHOTS}rules-${locale}.png`, fullPage: true });
      expect(await admin.accessibilityViolations(), `rules ${locale}`).toEqual([]);
    }
  });

  it('keeps a rep out of the rules: no link, the view refuses, and so does the API', async () => {
    const page = await newPage();
    const rep = new ManagerPage(page, server.url);
    await rep.signIn('carol', 'carol-password-1');
    expect(await page.locator('nav.views a[href="/rules"]').count()).toBe(0);
    await page.goto(`${server.url}/rules`);
    await page.locator('#rules-heading').waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toBe('Only an admin may change the rules.');
    expect(await page.locator('form.rules').count()).toBe(0);
    const res = await page.request.put(`${server.url}/api/v1/rules`, { data: { rules: {} } });
    expect(res.status()).toBe(403);
  });

  it('ran no injected script and broke no CSP rule', () => {
    expect(dialogs).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
