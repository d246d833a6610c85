import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeContact } from '../factories/entities';
import { addUser, deviceToken } from '../support/users';
import { OptionsPage, PopupPage } from './support/pages';
import { openProfile, type Profile } from './support/profile';
import { freePort, serveOnPort } from './support/servers';

declare const chrome: { tabs: { query: (q: object) => Promise<Array<{ id?: number; url?: string }>> } };

/** Two customers wang (rep A) already owns on the server, and their contact pages on the web. */
const CUSTOMERS = [
  {
    account: '0196b000-0000-7000-8000-0000000000a1',
    contact: '0196b000-0000-7000-8000-0000000000a2',
    org: '深圳恒泰科技有限公司',
    person: '张伟',
    email: 'zhangwei@hengtai-tech.cn',
    domain: 'hengtai-tech.cn',
    path: '/hengtai.html',
  },
  {
    account: '0196b000-0000-7000-8000-0000000000b1',
    contact: '0196b000-0000-7000-8000-0000000000b2',
    org: '宁波东海模具有限公司',
    person: '陈静',
    email: 'chenjing@dh-mould.cn',
    domain: 'dh-mould.cn',
    path: '/dh-mould.html',
  },
] as const;

const personPage = (c: (typeof CUSTOMERS)[number]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${c.org} - 联系我们</title>
<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: c.person,
    jobTitle: '采购经理',
    email: c.email,
    worksFor: { '@type': 'Organization', name: c.org, url: `https://www.${c.domain}/` },
  })}</script></head><body><h1>联系我们</h1><p>${c.person}，采购经理</p></body></html>`;

type PulledChange = { entity: string; id: string; deleted: boolean; fields: Record<string, unknown> };

/**
 * Rep B (li) clips two customers while the server is away; rep A (wang) already owns both. Back online, the
 * duplicate check that could not run at clip time finds wang's protection and the card shows the clash banner;
 * until li decides, nothing of either copy is pushed. "Remove my copy" gives wang's card li's interest and the
 * copy never reaches the server; "Keep my card" pushes it.
 */
describe('an offline clip of a colleague’s customer, in real Chromium against the real server', () => {
  let dataDir = '';
  let port = 0;
  let server: { url: string; stop: () => Promise<void> } | null = null;
  let site: Server;
  let siteUrl = '';
  let profile: Profile;

  const token = (name: string, password: string) => deviceToken(server?.url ?? '', name, password);
  const pull = async (name: string, password: string): Promise<PulledChange[]> => {
    const res = await fetch(`${server?.url}/api/v1/sync/pull?since=0&limit=1000`, {
      headers: { authorization: `Bearer ${await token(name, password)}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { changes: PulledChange[] }).changes;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leadcard-clash-'));
    addUser(dataDir, 'wang', 'rep', 'east', 'wang-password-1');
    addUser(dataDir, 'li', 'rep', 'east', 'li-password-1');
    port = await freePort();
    server = await serveOnPort(dataDir, port);
    let seq = 0;
    const hlc = () => `${String(Date.parse('2026-11-22T08:00:00Z') + seq).padStart(15, '0')}:00000:wang`;
    const mutations = CUSTOMERS.flatMap((c) => [
      {
        seq: ++seq,
        hlc: hlc(),
        entity: 'account',
        id: c.account,
        op: 'upsert',
        fields: makeAccount({ name: c.org, domains: [c.domain], website: `https://www.${c.domain}/` }),
      },
      {
        seq: ++seq,
        hlc: hlc(),
        entity: 'contact',
        id: c.contact,
        op: 'upsert',
        fields: makeContact({ accountId: c.account, name: c.person, emails: [c.email], phones: [] }),
      },
    ]);
    const res = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token('wang', 'wang-password-1')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ clientId: '0196b000-0000-7000-8000-0000000000c1', mutations }),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    site = createServer((req, res) => {
      const customer = CUSTOMERS.find((c) => c.path === req.url);
      res.writeHead(customer ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(customer ? personPage(customer) : 'not found');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    profile = await openProfile({ locale: 'en-US' });
  }, 90_000);
  afterAll(async () => {
    await profile?.close();
    await server?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  /** "Clip this page" over the customer's tab, saved as the preview proposes; the check's state at clip time. */
  async function clipPage(path: string): Promise<string | null> {
    const pageUrl = `${siteUrl}${path}`;
    const tab = await profile.context.newPage();
    await tab.goto(pageUrl);
    const popup = await profile.page('popup.html');
    const tabId = await popup.evaluate(
      async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id,
      pageUrl,
    );
    await popup.goto(`chrome-extension://${profile.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByTestId('clip-page-button').click();
    const lead = popup.getByTestId('clip-lead').first();
    await lead.waitFor();
    const keep = lead.locator('input[name=keep]');
    if (!(await keep.isChecked())) await keep.check();
    await expect.poll(() => lead.getByTestId('clip-owner').getAttribute('data-state')).not.toBe('checking');
    const state = await lead.getByTestId('clip-owner').getAttribute('data-state');
    await popup.getByTestId('clip-save').click();
    await popup.getByTestId('clip-saved').waitFor();
    await popup.close();
    await tab.close();
    return state;
  }

  async function openCard(popup: PopupPage, org: string) {
    if ((await popup.page.getByTestId('back').count()) > 0) await popup.page.getByTestId('back').click();
    await popup.search(org);
    await popup.openResult(org);
  }

  it('clips offline, shows the clash when back, and holds both copies back until li decides', async () => {
    const options = await OptionsPage.open(profile);
    await options.signIn(server?.url.replace('http://', '') ?? '', 'li', 'li-password-1');
    const popup = await PopupPage.open(profile);
    await expect.poll(() => popup.syncStatus(), { timeout: 20_000 }).toBe('synced');

    // The server goes away; li clips both customers: the duplicate check cannot run and waits for sync.
    await server?.stop();
    server = null;
    for (const c of CUSTOMERS) expect(await clipPage(c.path)).toBe('offline');
    expect(await meta<unknown>(popup.page, 'clip.pendingChecks')).toHaveLength(2);

    // While the check waits, the popup says which cards are held back and why; a line opens its card.
    await popup.page.reload();
    const held = popup.page.getByTestId('held-card');
    await expect
      .poll(() => held.evaluateAll((lines) => lines.map((l) => l.getAttribute('data-reason'))))
      .toEqual(['checking', 'checking']);
    expect(await held.allTextContents()).toEqual(CUSTOMERS.map((c) => `${c.org}: waiting for the duplicate check`));
    await held.filter({ hasText: CUSTOMERS[0].org }).click();
    await popup.page.getByTestId('card').waitFor();
    expect(await popup.cardName()).toBe(CUSTOMERS[0].org);
    expect(await popup.page.getByTestId('clash-banner').count()).toBe(0);

    // Back online, the card still open: sync runs the checks — both customers are wang's.
    server = await serveOnPort(dataDir, port);
    await popup.syncNow();
    await expect.poll(() => meta<unknown>(popup.page, 'clip.clashes'), { timeout: 20_000 }).toHaveLength(2);
    expect(await meta<unknown>(popup.page, 'clip.pendingChecks')).toEqual([]);
    // Undecided, the copies stay on this device: the server has nothing of li's.
    await expect.poll(() => popup.syncStatus(), { timeout: 20_000 }).toBe('pending');
    expect((await pull('li', 'li-password-1')).filter((c) => c.entity === 'account')).toEqual([]);

    // The open card shows the clash without being opened again, and the held lines now ask for the decision.
    await popup.page.getByTestId('clash-banner').waitFor();
    expect(await popup.cardName()).toBe(CUSTOMERS[0].org);
    await expect
      .poll(() => held.allTextContents())
      .toEqual(CUSTOMERS.map((c) => `${c.org}: clash, your decision needed`));
    expect(await popup.page.getByTestId('clash-text').textContent()).toMatch(
      /^wang protects this customer until .+: your card duplicates theirs\.$/,
    );
  }, 180_000);

  it('"Record my interest and remove my copy": wang’s card gains the interest, li’s copy is gone everywhere', async () => {
    const popup = await PopupPage.open(profile);
    await openCard(popup, CUSTOMERS[0].org);
    await popup.page.getByTestId('clash-remove').click();
    await expect.poll(() => popup.page.getByTestId('clash-banner').count()).toBe(0);
    await popup.page.getByTestId('back').click();
    await popup.search('恒泰');
    await expect.poll(() => popup.resultNames()).toEqual([]);

    await popup.syncNow();
    await expect.poll(() => meta<unknown>(popup.page, 'clip.interests'), { timeout: 20_000 }).toEqual([]);
    const wang = await pull('wang', 'wang-password-1');
    const interests = wang.filter(
      (c) =>
        c.entity === 'activity' &&
        c.fields.accountId === CUSTOMERS[0].account &&
        String(c.fields.summary).startsWith('interest:'),
    );
    expect(interests.map((c) => c.fields.summary)).toEqual(['interest: li clipped this customer (protected by wang)']);
    // The copy was never pushed: no card, no tombstone of li's for 恒泰 on the server.
    const li = await pull('li', 'li-password-1');
    expect(li.filter((c) => c.entity === 'account').map((c) => c.fields.name)).not.toContain(CUSTOMERS[0].org);
    expect(li.filter((c) => c.entity === 'account' && c.deleted)).toEqual([]);
  }, 120_000);

  it('"Keep my card": the banner goes and li’s copy is pushed', async () => {
    const popup = await PopupPage.open(profile);
    await openCard(popup, CUSTOMERS[1].org);
    await popup.page.getByTestId('clash-keep').click();
    await expect.poll(() => popup.page.getByTestId('clash-banner').count()).toBe(0);
    await popup.syncNow();
    await expect.poll(() => popup.syncStatus(), { timeout: 20_000 }).toBe('synced');
    const li = await pull('li', 'li-password-1');
    const accounts = li.filter((c) => c.entity === 'account' && !c.deleted);
    expect(accounts.map((c) => [c.fields.name, c.fields.owner])).toEqual([[CUSTOMERS[1].org, 'li']]);
    expect(accounts[0]?.id).not.toBe(CUSTOMERS[1].account);
    // Wang's own card is untouched by li's decision.
    const wang = await pull('wang', 'wang-password-1');
    expect(wang.find((c) => c.id === CUSTOMERS[1].account)?.fields.owner).toBe('wang');
  }, 120_000);
});

/** A value of the extension's `meta` store, read in the extension's own origin. */
async function meta<T>(page: Page, key: string): Promise<T[]> {
  const value = await page.evaluate(
    (metaKey) =>
      new Promise<T[] | undefined>((resolve, reject) => {
        const open = indexedDB.open('leadcard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get(metaKey);
          get.onsuccess = () => {
            resolve((get.result as { value: T[] } | undefined)?.value);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
  return value ?? [];
}
