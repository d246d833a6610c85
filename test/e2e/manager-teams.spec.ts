import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/server';
import { type ManagerFixture, SHOTS, startManagerFixture } from './support/manager-fixture';
import { ManagerPage } from './support/manager-page';

describe('teams on the manager page (admin)', () => {
  let server: RunningServer;
  let browser: Browser;
  let aliceToken: string;
  let accountId: string;
  let fixture: ManagerFixture | undefined;

  beforeAll(async () => {
    fixture = await startManagerFixture({
      prefix: 'leadcard-manager-teams-',
      clientId: '0193a000-0000-7000-8000-0000000e2e03',
      accountName: '宁波东方电子有限公司',
      extraUsers: [['root', 'admin', 'hq', 'root-password-1']],
    });
    ({ server, browser, aliceToken, accountId } = fixture);
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  async function newPage(width = 1366, height = 900): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width, height } });
    return context.newPage();
  }

  /** What alice's extension would receive for her card on its next pull. */
  async function alicesCard(): Promise<Record<string, unknown>> {
    const res = await fetch(`${server.url}/api/v1/sync/pull?since=0`, {
      headers: { authorization: `Bearer ${aliceToken}` },
    });
    const body = (await res.json()) as { changes: { id: string; fields: Record<string, unknown> }[] };
    const change = body.changes.find((c) => c.id === accountId);
    if (!change) throw new Error('the account is not in alice’s pull');
    return change.fields;
  }

  const notice = (page: Page) => page.locator('[data-testid="users-notice"] p').first();
  const card = (page: Page, team: string) => page.locator(`.team-card[data-team="${team}"]`);

  it('creates a team, moves a rep (with her card) into it, renames it, deletes an empty one; en and zh-CN', async () => {
    const page = await newPage();
    const admin = new ManagerPage(page, server.url);
    await admin.signIn('root', 'root-password-1');
    await admin.language('en');
    await admin.open('users');
    await expect.poll(() => card(page, 'east').locator('[data-field="managers"]').textContent()).toBe('mia');

    // Create.
    await page.locator('input[name="team-name"]').fill('North 1');
    await page.locator('form.team-add button[type="submit"]').click();
    await expect.poll(() => notice(page).textContent()).toBe('Created team North 1.');
    await expect.poll(() => card(page, 'North 1').locator('[data-field="reps"]').textContent()).toBe('none');

    // Move alice: her owned card goes with her.
    const alice = page.locator('tr[data-user="alice"]');
    await alice.locator('details.move-user summary').click();
    await alice.locator('select[name="move-team"]').selectOption('North 1');
    await alice.locator('input[name="move-reason"]').fill('new northern territory');
    await alice.locator('details.move-user button[type="submit"]').click();
    await expect
      .poll(() => notice(page).textContent())
      .toBe('Moved alice to North 1 as rep; owned cards that moved with them: 1.');
    await expect.poll(() => card(page, 'North 1').locator('[data-field="reps"]').textContent()).toBe('alice');
    await expect.poll(() => card(page, 'North 1').locator('[data-field="owned"]').textContent()).toBe('1');
    await expect.poll(() => card(page, 'east').locator('[data-field="owned"]').textContent()).toBe('0');
    expect(await alicesCard()).toMatchObject({ owner: 'alice', team: 'North 1' });

    // Rename: the users list and alice's next pull carry the new name.
    const north = card(page, 'North 1');
    await north.locator('details.team-rename summary').click();
    await north.locator('input[name="rename-to"]').fill('华北一组');
    await north.locator('details.team-rename button[type="submit"]').click();
    await expect
      .poll(() => notice(page).textContent())
      .toBe('Renamed team North 1 to 华北一组; cards that now carry the new name: 1.');
    await expect.poll(() => alice.locator('td').nth(1).textContent()).toBe('华北一组');
    await expect.poll(() => card(page, 'North 1').count()).toBe(0);
    expect(await alicesCard()).toMatchObject({ team: '华北一组' });

    // Delete: only an empty team's button is enabled.
    await expect.poll(() => card(page, 'east').locator('[data-action="delete-team"]').isDisabled()).toBe(true);
    await page.locator('input[name="team-name"]').fill('spare');
    await page.locator('form.team-add button[type="submit"]').click();
    await expect.poll(() => card(page, 'spare').count()).toBe(1);
    await card(page, 'spare').locator('[data-action="delete-team"]').click();
    await expect.poll(() => notice(page).textContent()).toBe('Deleted team spare.');
    await expect.poll(() => card(page, 'spare').count()).toBe(0);

    expect(await admin.accessibilityViolations(), 'teams en').toEqual([]);
    await page.screenshot({ path: `${SHOTS}teams-en.png`, fullPage: true });
    await admin.language('zh-CN');
    await expect.poll(() => page.locator('#teams-heading').textContent()).toBe('团队');
    // The last result follows the language too.
    await expect.poll(() => notice(page).textContent()).toBe('已删除团队 spare。');
    await expect.poll(() => card(page, '华北一组').locator('dt').first().textContent()).toBe('经理');
    expect(await admin.accessibilityViolations(), 'teams zh-CN').toEqual([]);
    await page.screenshot({ path: `${SHOTS}teams-zh-CN.png`, fullPage: true });
  });

  it('is readable on a phone: nothing wider than the screen, each team and each user a card', async () => {
    const page = await newPage(390, 844);
    const admin = new ManagerPage(page, server.url);
    await admin.signIn('root', 'root-password-1');
    await admin.language('en');
    await admin.open('users');
    await card(page, 'east').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const element of [card(page, 'east'), page.locator('tr[data-user="mia"]')])
      expect((await element.boundingBox())?.width).toBeLessThanOrEqual(390);
    expect(await admin.accessibilityViolations(), 'teams phone').toEqual([]);
    await page.screenshot({ path: `${SHOTS}teams-phone-en.png`, fullPage: true });
  });

  it('a manager gets the admins-only notice, and the API refuses them', async () => {
    const page = await newPage();
    const manager = new ManagerPage(page, server.url);
    await manager.signIn('mia', 'mia-password-1');
    expect(await page.locator('nav.views a[href="/users"]').count()).toBe(0);
    await page.goto(`${server.url}/users`);
    await page.locator('[data-testid="users-admin-only"]').waitFor();
    expect(await page.locator('[data-testid="teams"]').count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/v1/teams')).status);
    expect(status).toBe(403);
  });
});
