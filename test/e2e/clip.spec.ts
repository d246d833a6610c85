import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProfile, type Profile } from './support/profile';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

/** A customer's site on 127.0.0.1: the project's fixture pages, by path. */
async function site(pages: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The clip page as the tests drive it: "Clip this page" in the popup over a tab, then the preview. */
class ClipPreviewPage {
  constructor(readonly page: Page) {}
  static async overTab(profile: Profile, pageUrl: string): Promise<ClipPreviewPage> {
    const popup = await profile.page('popup.html');
    const tabId = await popup.evaluate(
      async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
      pageUrl,
    );
    expect(tabId).toBeGreaterThan(0);
    await popup.goto(`chrome-extension://${profile.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByTestId('clip-page-button').click();
    // The preview, or the reason the tab could not be read (a failure then names it).
    await popup.locator('[data-testid=clip-preview], [data-testid=clip-failed]').first().waitFor();
    expect(await popup.getByTestId('clip-failed').count(), await popup.locator('main').innerText()).toBe(0);
    return new ClipPreviewPage(popup);
  }
  leadNames() {
    return this.page.getByTestId('clip-lead-name').allTextContents();
  }
  lead(name: string) {
    return this.page.locator('[data-testid=clip-lead]', { hasText: name });
  }
  async save() {
    await this.page.getByTestId('clip-save').click();
    await this.page.getByTestId('clip-saved').waitFor();
  }
  /** The store as IndexedDB holds it, read in the extension's own origin. */
  store() {
    return this.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('leadcard');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = (name: string) =>
        new Promise<Array<{ id: string; fields: Record<string, unknown> }>>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const [accounts, contacts, activities, outbox] = await Promise.all(
        ['accounts', 'contacts', 'activities', 'outbox'].map(all),
      );
      db.close();
      type Row = { id: string; entity?: string; fields: Record<string, unknown> };
      return { accounts, contacts, activities, outbox } as Record<
        'accounts' | 'contacts' | 'activities' | 'outbox',
        Row[]
      >;
    });
  }
}

declare const chrome: { tabs: { query: (q: object) => Promise<Array<{ id?: number; url?: string }>> } };

describe('clipping a lead from a web page, in real Chromium with the built extension', () => {
  let profile: Profile;
  let customer: Awaited<ReturnType<typeof site>>;
  beforeEach(async () => {
    customer = await site({
      '/about/team.html': fixture('team-blocks-cn-team.html'),
      '/empty.html':
        '<!doctype html><html><head><title>远航物流 - 首页</title><meta property="og:site_name" content="远航物流"></head><body><h1>欢迎</h1><p>我们的服务覆盖全国。</p></body></html>',
    });
    profile = await openProfile({ locale: 'zh-CN' });
  });
  afterEach(async () => {
    await profile?.close();
    await customer?.close();
  });

  it('lists every person of a team page; the one ticked and edited is saved with its capture activity', async () => {
    const pageUrl = `${customer.url}/about/team.html`;
    const tab = await profile.context.newPage();
    await tab.goto(pageUrl);
    const clip = await ClipPreviewPage.overTab(profile, pageUrl);

    const names = await clip.leadNames();
    for (const name of ['王建国', '李晓梅', '赵磊', '孙丽']) expect(names.join('\n')).toContain(name);
    // A team page: the rep ticks whom to keep, nobody is kept by default.
    expect(await clip.page.locator('[data-testid=clip-lead][data-keep=true]').count()).toBe(0);

    const li = clip.lead('李晓梅');
    await li.locator('input[name=keep]').check();
    await li.locator('input[name=title]').fill('华东区销售副总裁');
    await li.locator('input[name=tags]').fill('医疗器械, 2026展会');
    await li.locator('select[name=buyingRole]').selectOption('decision-maker');
    await expect.poll(() => li.getByTestId('clip-match').getAttribute('data-action')).toBe('new');
    // Not signed in: the server's duplicate check waits for sync.
    expect(await li.getByTestId('clip-owner').getAttribute('data-state')).toBe('signed-out');
    await clip.save();

    const store = await clip.store();
    expect(store.contacts).toHaveLength(1);
    const contact = store.contacts[0]!;
    expect(contact.fields).toMatchObject({
      name: '李晓梅',
      title: '华东区销售副总裁',
      emails: ['lixm@qiming-med.com'],
      phones: ['+8613916882233'],
      buyingRole: 'decision-maker',
    });
    expect(store.accounts).toHaveLength(1);
    expect(store.accounts[0]!.fields).toMatchObject({ source: 'web', tags: ['医疗器械', '2026展会'] });
    expect(store.accounts[0]!.fields.domains).toEqual(['qiming-med.com']);
    expect(store.activities).toHaveLength(1);
    expect(store.activities[0]!.fields).toMatchObject({
      type: 'capture',
      source: pageUrl,
      accountId: store.accounts[0]!.id,
      contactId: contact.id,
    });
    // Every write is queued for sync with its record.
    expect(store.outbox.map((m) => m.entity).sort()).toEqual(['account', 'activity', 'contact']);

    // Clipping her again merges into her card: the differing title is the rep's choice, never overwritten silently.
    const again = await ClipPreviewPage.overTab(profile, pageUrl);
    const second = again.lead('李晓梅');
    await second.locator('input[name=keep]').check();
    await expect.poll(() => second.getByTestId('clip-match').getAttribute('data-action')).toBe('merge');
    await expect.poll(() => second.getByTestId('clip-conflict').count()).toBe(1);
    expect(await second.getByTestId('clip-conflict').textContent()).toContain('销售副总裁');
    await second.locator('[data-testid=clip-conflict] input[value=clip]').check();
    await again.save();
    const after = await again.store();
    expect(after.contacts).toHaveLength(1);
    expect(after.contacts[0]!.fields.title).toBe('销售副总裁');
    expect(after.activities.filter((a) => a.fields.type === 'capture')).toHaveLength(2);
  });

  it('registers the context menu entries and the keyboard shortcut', async () => {
    const registered = await profile.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeMenus }).chrome;
      type ChromeMenus = {
        contextMenus: { update: (id: string, props: object) => Promise<void> };
        commands: { getAll: () => Promise<Array<{ name?: string; shortcut?: string }>> };
      };
      // `update` fails for an entry that does not exist; the menus are made on install, so wait for them.
      const exists = async (id: string) => {
        for (let i = 0; i < 50; i++) {
          if (
            await api.contextMenus.update(id, {}).then(
              () => true,
              () => false,
            )
          )
            return true;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return false;
      };
      return {
        page: await exists('leadcard-clip-page'),
        selection: await exists('leadcard-clip-selection'),
        missing: await api.contextMenus.update('leadcard-no-such-entry', {}).then(
          () => true,
          () => false,
        ),
        commands: (await api.commands.getAll()).map((c) => c.name),
      };
    });
    expect(registered).toMatchObject({ page: true, selection: true, missing: false });
    expect(registered.commands).toContain('clip-page');
  });

  it('a selection clip reads only the selected text with the labelled-text rules', async () => {
    const pageUrl = `${customer.url}/about/team.html`;
    const tab = await profile.context.newPage();
    await tab.goto(pageUrl);
    // The rep selects one block of the page (the block of 赵磊), as for "Clip selection as lead".
    const selected = await tab.evaluate(() => {
      const block = [...document.querySelectorAll('body *')].find(
        (el) => el.children.length > 0 && el.textContent?.includes('赵磊') && !el.textContent.includes('李晓梅'),
      );
      if (!block) return '';
      const range = document.createRange();
      range.selectNodeContents(block);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return getSelection()?.toString() ?? '';
    });
    expect(selected).toContain('赵磊');
    const page = await profile.page('popup.html');
    const tabId = await page.evaluate(
      async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id,
      pageUrl,
    );
    await page.goto(`chrome-extension://${profile.extensionId}/clip.html?tab=${tabId}&mode=selection`);
    await page.getByTestId('clip-preview').waitFor();
    const clip = new ClipPreviewPage(page);
    expect(await page.getByTestId('clip-preview').getAttribute('data-mode')).toBe('selection');
    const names = await clip.leadNames();
    expect(names).toHaveLength(1);
    expect(names[0]).toContain('赵磊');
    expect(await page.locator('[data-testid=clip-lead] input[name=phones]').inputValue()).toBe('+8613761114455');
  });

  it('opens one empty form with the page’s organisation when the page names nobody', async () => {
    const pageUrl = `${customer.url}/empty.html`;
    const tab = await profile.context.newPage();
    await tab.goto(pageUrl);
    const clip = await ClipPreviewPage.overTab(profile, pageUrl);
    expect(await clip.page.getByTestId('clip-headline').textContent()).toContain('未找到');
    const lead = clip.page.getByTestId('clip-lead');
    expect(await lead.count()).toBe(1);
    expect(await lead.locator('input[name=company]').inputValue()).toBe('远航物流');
    expect(await lead.locator('input[name=name]').inputValue()).toBe('');
    await lead.locator('input[name=name]').fill('陈经理');
    await lead.locator('input[name=phones]').fill('021-6235 1000');
    await clip.save();
    const store = await clip.store();
    expect(store.accounts.map((a) => a.fields.name)).toEqual(['远航物流']);
    expect(store.contacts.map((c) => c.fields.name)).toEqual(['陈经理']);
    expect(store.activities[0]!.fields).toMatchObject({ type: 'capture', source: pageUrl });
  });
});
