import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../support/users';
import { OptionsPage, PopupPage } from './support/pages';
import { openProfile, type Profile } from './support/profile';
import { customerSite, freePort, serveOnPort } from './support/servers';

/** The extension APIs used inside the service worker (evaluated there, not in node). */
declare const chrome: {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

/** Screenshots of the popup (zh-CN and en) go here. */
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const COMPANY = '苏州恒信精密机械有限公司';
const HOST = 'www.hengxin.cn';

/**
 * The rep's extension end to end: Debian's Chromium with the built extension, the real server on 127.0.0.1
 * (stopped and started again on the same port to play "offline"), a customer's site mapped to 127.0.0.1.
 */
describe('the rep’s extension in real Chromium', () => {
  let dataDir: string;
  let port: number;
  let server: { url: string; stop: () => Promise<void> } | null = null;
  let site: Awaited<ReturnType<typeof customerSite>>;
  let li: Profile;
  let wang: Profile | null = null;
  let accountId = '';

  const startServer = async () => {
    server = await serveOnPort(dataDir, port);
  };
  const stopServer = async () => {
    await server?.stop();
    server = null;
  };
  const token = async (name: string, password: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password, device: 'extension' }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const pullAll = async (bearer: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/sync/pull?since=0&limit=5000`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    return (await res.json()) as { changes: { entity: string; id: string; fields: Record<string, unknown> }[] };
  };
  const waitSynced = async (popup: PopupPage) => {
    await expect.poll(() => popup.syncStatus(), { timeout: 20_000 }).toBe('synced');
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'leadcard-e2e-'));
    addUser(dataDir, 'li', 'rep', 'east', 'li-password-1');
    addUser(dataDir, 'wang', 'rep', 'east', 'wang-password-1');
    addUser(dataDir, 'boss', 'manager', 'east', 'boss-password-1');
    port = await freePort();
    await startServer();
    site = await customerSite(COMPANY);
    li = await openProfile({ locale: 'zh-CN', hosts: [HOST] });
  }, 90_000);
  afterAll(async () => {
    await li?.close();
    await wang?.close();
    await stopServer();
    await site?.close();
  });

  it('signs in on the options page and syncs', async () => {
    const options = await OptionsPage.open(li);
    await options.signIn(`127.0.0.1:${port}`, 'li', 'li-password-1');
    const popup = await PopupPage.open(li);
    await waitSynced(popup);
    await popup.page.close();
    await options.page.close();
  });

  it('creates a card, logs a visit with the next meeting, and the manager receives it', async () => {
    const popup = await PopupPage.open(li);
    await popup.createCard({ name: COMPANY, website: HOST, contactName: '赵经理', contactEmail: 'zhao@hengxin.cn' });
    expect(await popup.cardName()).toBe(COMPANY);
    await popup.logVisit('面访赵经理，确认需求', '2026-12-01T14:00', '苏州工业园区');
    await expect.poll(() => popup.history()).toContain('面访赵经理，确认需求');
    await expect.poll(() => popup.page.getByTestId('next-meeting').textContent()).toContain('苏州工业园区');
    await waitSynced(popup);
    await popup.page.screenshot({ path: join(SHOTS, 'popup-card-zh-CN.png'), fullPage: true });

    const { changes } = await pullAll(await token('boss', 'boss-password-1'));
    const account = changes.find((c) => c.entity === 'account' && c.fields.name === COMPANY);
    expect(account?.fields.owner).toBe('li');
    accountId = account?.id ?? '';
    const visit = changes.find((c) => c.entity === 'activity' && c.fields.accountId === accountId);
    expect(visit?.fields).toMatchObject({ type: 'visit', summary: '面访赵经理，确认需求', by: 'li' });
    expect(visit?.fields.next).toMatchObject({ place: '苏州工业园区' });
    await popup.page.close();
  });

  it('finds the Chinese company by its pinyin initials', async () => {
    const popup = await PopupPage.open(li);
    await popup.search('szhx');
    await expect.poll(() => popup.resultNames()).toEqual([COMPANY]);
    await popup.page.screenshot({ path: join(SHOTS, 'popup-search-zh-CN.png'), fullPage: true });
    await popup.search('hengxin');
    await expect.poll(() => popup.resultNames()).toEqual([COMPANY]);
    await popup.page.close();
  });

  it('badges the customer’s site and opens the popup on its card', async () => {
    const tab = await li.context.newPage();
    await tab.goto(`http://${HOST}:${site.port}/`);
    const tabId = await li.worker.evaluate(async (url) => {
      const [found] = await chrome.tabs.query({ url });
      return found?.id ?? -1;
    }, `http://${HOST}:${site.port}/`);
    expect(tabId).toBeGreaterThan(0);
    await expect
      .poll(() => li.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), { timeout: 10_000 })
      .not.toBe('');
    // A site that is no customer gets no badge.
    const other = await li.context.newPage();
    await other.goto(`http://127.0.0.1:${site.port}/`);
    const otherId = await li.worker.evaluate(
      async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1,
      `http://127.0.0.1:${site.port}/`,
    );
    expect(await li.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), otherId)).toBe('');

    const popup = await PopupPage.open(li, tabId);
    await expect.poll(() => popup.cardName()).toBe(COMPANY);
    await Promise.all([popup.page.close(), tab.close(), other.close()]);
  });

  it('two reps edit the shared card while the server is away, then both show the same card', async () => {
    const share = await fetch(`http://127.0.0.1:${port}/api/v1/accounts/${accountId}/share`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('li', 'li-password-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ users: ['wang'] }),
    });
    expect(share.status).toBe(200);
    wang = await openProfile({ locale: 'en-US' });
    const options = await OptionsPage.open(wang);
    await options.signIn(`http://127.0.0.1:${port}`, 'wang', 'wang-password-1');
    const popupB = await PopupPage.open(wang);
    await waitSynced(popupB);
    await popupB.search('hengxin');
    await popupB.openResult(COMPANY);
    const popupA = await PopupPage.open(li);
    await popupA.search('hengxin');
    await popupA.openResult(COMPANY);

    await stopServer();
    await popupA.edit({ region: '江苏苏州', address: '苏州工业园区星湖街 328 号' });
    await popupB.edit({ region: 'Wuxi', industry: 'precision machinery' });
    await popupA.syncNow();
    await popupB.syncNow();
    await expect.poll(() => popupA.syncStatus()).toBe('offline');
    await expect.poll(() => popupB.syncStatus()).toBe('offline');
    expect(await popupB.syncText()).toContain('Offline');
    await popupB.page.screenshot({ path: join(SHOTS, 'popup-card-en.png'), fullPage: true });

    await startServer();
    for (const popup of [popupA, popupB, popupA]) {
      await popup.syncNow();
      await waitSynced(popup);
    }
    const seen = async (profile: Profile) => {
      const popup = await PopupPage.open(profile);
      await popup.search('hengxin');
      await popup.openResult(COMPANY);
      await popup.page.getByTestId('edit-card').click();
      const values = {
        region: await popup.edited('region'),
        industry: await popup.edited('industry'),
        address: await popup.edited('address'),
      };
      await popup.page.close();
      return values;
    };
    const a = await seen(li);
    const b = await seen(wang);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ industry: 'precision machinery', address: '苏州工业园区星湖街 328 号' });
    expect(['江苏苏州', 'Wuxi']).toContain(a.region);
    await Promise.all([popupA.page.close(), popupB.page.close(), options.page.close()]);
  });

  it('keeps unsynced edits when the browser is closed and reopened', async () => {
    await stopServer();
    let popup = await PopupPage.open(li);
    await popup.search('hengxin');
    await popup.openResult(COMPANY);
    await popup.edit({ industry: '精密机械' });
    await expect.poll(() => popup.page.getByTestId('sync-state').textContent()).toMatch(/1 条更改待同步|离线/);
    const userDataDir = li.userDataDir;
    await li.close({ remove: false });
    li = await openProfile({ locale: 'zh-CN', userDataDir, hosts: [HOST] });
    popup = await PopupPage.open(li);
    await popup.search('hengxin');
    await popup.openResult(COMPANY);
    await popup.page.getByTestId('edit-card').click();
    expect(await popup.edited('industry')).toBe('精密机械');
    await startServer();
    await popup.syncNow();
    await waitSynced(popup);
    const { changes } = await pullAll(await token('boss', 'boss-password-1'));
    expect(changes.find((c) => c.id === accountId)?.fields.industry).toBe('精密机械');
  });

  it('signs out, and after confirming erases the cards in this browser', async () => {
    const options = await OptionsPage.open(li);
    await options.page.getByTestId('sign-out').click();
    await options.page.locator('input[name=erase]').check();
    await options.page.getByTestId('confirm-sign-out').click();
    await expect.poll(() => options.page.getByTestId('options-notice').textContent()).toContain('已清除');
    const popup = await PopupPage.open(li);
    await expect.poll(() => popup.syncStatus()).toBe('signed-out');
    await popup.search('hengxin');
    await expect.poll(() => popup.page.locator('.hint').first().textContent()).toContain('没有');
    // The background still works on the new, empty store (its connection was closed by the erase).
    const tab = await li.context.newPage();
    await tab.goto(`http://${HOST}:${site.port}/`);
    const tabId = await li.worker.evaluate(
      async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1,
      `http://${HOST}:${site.port}/`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await li.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
  });
});
