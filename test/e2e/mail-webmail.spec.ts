import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, EXTENSION_DIR } from '../support/browser';
import { PopupPage } from './support/pages';

/** The extension API inside the service worker (evaluated there, not in node). */
declare const chrome: {
  runtime: { onMessage: { addListener(listener: (message: { leadcard?: string }) => void): void } };
};

const FIXTURES = new URL('../fixtures/webmail/', import.meta.url);
/** Screenshots of the chip and the clip preview go here (beside the popup's). */
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const SITES = { 'mail.google.com': 'gmail.html', 'outlook.office.com': 'outlook.html' } as const;

/**
 * The mail adapters as shipped: the production build (no test-only match pattern), in Debian's Chromium, on pages
 * served at the real host names. Chromium's resolver maps mail.google.com and outlook.office.com to 127.0.0.1,
 * where an HTTPS server with a throwaway self-signed certificate (certificate errors ignored in this browser only)
 * serves saved-structure fixtures of Gmail and Outlook on the web. So the manifest's own content-script matches
 * inject the scripts, and the chip, the lookup in the background's IndexedDB, the clip preview and saving all run
 * for real. What it cannot prove: that today's live Gmail and Outlook still have the structure of the fixtures.
 */
describe('the Gmail and Outlook adapters in real Chromium', () => {
  let certDir: string;
  let server: Server;
  let port: number;
  let userDataDir: string;
  let context: BrowserContext;
  let extensionId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    certDir = mkdtempSync(join(tmpdir(), 'leadcard-cert-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(certDir, 'key.pem'),
        '-out',
        join(certDir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=leadcard-test',
        '-addext',
        `subjectAltName=${Object.keys(SITES)
          .map((h) => `DNS:${h}`)
          .join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    server = createServer(
      { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
      (req, res) => {
        const host = (req.headers.host ?? '').replace(/:\d+$/, '') as keyof typeof SITES;
        const file = SITES[host];
        if (!file) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(readFileSync(new URL(file, FIXTURES)));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;

    userDataDir = mkdtempSync(join(tmpdir(), 'leadcard-mail-'));
    const rules = [...Object.keys(SITES).map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'];
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: false,
      locale: 'en-US',
      ignoreHTTPSErrors: true,
      viewport: { width: 1000, height: 760 },
      args: [
        '--headless=new',
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--ignore-certificate-errors',
        `--host-resolver-rules=${rules.join(', ')}`,
        '--lang=en-US',
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(certDir, { recursive: true, force: true });
  });

  const open = async (host: keyof typeof SITES, path: string) => {
    const page = await context.newPage();
    await page.goto(`https://${host}:${port}${path}`);
    return page;
  };
  const chip = (page: Page) => page.locator('[data-leadcard-chip]');
  /** The chip's button is its last part; its shadow root is closed, so the test presses it as a rep would. */
  const pressChip = async (page: Page, target: Locator) => {
    const box = await target.boundingBox();
    if (!box) throw new Error('chip not laid out');
    const [preview] = await Promise.all([
      context.waitForEvent('page'),
      page.mouse.click(box.x + box.width - 10, box.y + box.height / 2),
    ]);
    await preview.getByTestId('mail-clip').waitFor();
    return preview;
  };
  const popup = async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return new PopupPage(page);
  };

  it('offers "Clip sender" for an unknown Gmail sender; clipping opens the prefilled preview; saving stores the card and the mail once', async () => {
    const gmail = await open('mail.google.com', '/mail/u/0/#thread-a');
    await expect.poll(() => chip(gmail).getAttribute('data-state'), { timeout: 10_000 }).toBe('unknown');
    expect(await chip(gmail).getAttribute('aria-label')).toBe('Clip sender');
    // Beside the sender, and only one.
    expect(await gmail.locator('h3.iw span.gD + [data-leadcard-chip]').count()).toBe(1);
    // The page's `span, button { font-size: 30px !important }` does not reach into the chip's closed shadow root.
    expect((await chip(gmail).boundingBox())?.height).toBeLessThan(26);

    await gmail.screenshot({
      path: `${SHOTS}mail-chip-unknown-gmail.png`,
      clip: { x: 0, y: 0, width: 700, height: 260 },
    });
    const preview = await pressChip(gmail, chip(gmail));
    const field = (name: string) => preview.locator(`[data-testid=mail-clip] input[name=${name}]`).inputValue();
    expect(await field('name')).toBe('张伟');
    expect(await field('title')).toBe('采购经理');
    expect(await field('org')).toBe('深圳市华兴科技有限公司');
    expect(await field('emails')).toBe('zhangwei@huaxing.cn');
    expect(await field('phones')).toContain('+8613800138000');
    expect(await preview.getByTestId('mail-subject').textContent()).toBe('Re: 报价 / Quote for 500 sensors');
    await expect.poll(() => preview.getByTestId('mail-match').textContent()).toBe('Saving makes a new card.');
    const body = await preview.getByTestId('mail-body').textContent();
    expect(body).toContain('报价收到，我们下周安排样品测试。');
    expect(body).not.toContain('Dear Mr. Zhang');

    await preview.screenshot({ path: `${SHOTS}mail-clip-preview.png`, fullPage: true });
    await preview.locator('[data-testid=mail-clip] button[type=submit]').click();
    await expect.poll(() => preview.getByTestId('mail-saved').getAttribute('data-outcome')).toBe('saved');
    await preview.close();

    // Back on the mail (the window regains focus): the chip now knows the sender.
    await gmail.bringToFront();
    await gmail.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => chip(gmail).getAttribute('data-state'), { timeout: 10_000 }).toBe('known');
    expect(await chip(gmail).getAttribute('aria-label')).toContain('深圳市华兴科技有限公司');
    await gmail.screenshot({
      path: `${SHOTS}mail-chip-known-gmail.png`,
      clip: { x: 0, y: 0, width: 700, height: 260 },
    });

    // Clipping the same message again does not add it twice.
    const again = await pressChip(gmail, chip(gmail));
    await expect.poll(() => again.getByTestId('mail-match').textContent()).toContain('深圳市华兴科技有限公司');
    await again.locator('[data-testid=mail-clip] button[type=submit]').click();
    await expect.poll(() => again.getByTestId('mail-saved').getAttribute('data-outcome')).toBe('duplicate');
    await again.close();

    const card = await popup();
    await card.search('张伟');
    await card.openResult('深圳市华兴科技有限公司');
    const history = (await card.history()) ?? '';
    expect(history.split('Re: 报价 / Quote for 500 sensors').length - 1).toBe(1);
    // The mail in the history: received from the customer, its subject, the sender's own text collapsed until opened.
    const mail = card.page.getByTestId('history-email');
    expect(await mail.getAttribute('data-direction')).toBe('in');
    expect(await mail.getByTestId('history-mail-direction').textContent()).toBe('Received');
    expect(await mail.getByTestId('history-mail-subject').textContent()).toBe('Re: 报价 / Quote for 500 sensors');
    const text = mail.locator('details p');
    expect(await text.isVisible()).toBe(false);
    await mail.locator('details summary').click();
    await expect.poll(() => text.isVisible()).toBe(true);
    expect(await text.textContent()).toContain('报价收到，我们下周安排样品测试。');
    await card.page.close();
    await gmail.close();
  });

  it('follows Gmail through single-page navigation and re-rendering, without spinning on a busy page', async () => {
    const gmail = await open('mail.google.com', '/mail/u/0/#thread-a');
    await expect.poll(() => chip(gmail).getAttribute('data-state'), { timeout: 10_000 }).toBe('known');

    // Another thread: the whole view is replaced; the chip follows the new sender (unknown).
    await gmail.evaluate(() => {
      location.hash = 'thread-b';
    });
    await expect.poll(() => chip(gmail).getAttribute('data-state'), { timeout: 10_000 }).toBe('unknown');
    expect(
      await gmail.locator('span.gD[email="anna.schmidt@muster-maschinenbau.de"] + [data-leadcard-chip]').count(),
    ).toBe(1);

    // The same message's header re-rendered in place: the chip comes back beside the new sender element.
    const oldSender = await gmail.locator('span.gD[email="anna.schmidt@muster-maschinenbau.de"]').elementHandle();
    await gmail.evaluate(() => {
      location.hash = 'rerender';
    });
    await expect.poll(() => oldSender?.evaluate((el) => el.isConnected)).toBe(false);
    await expect
      .poll(() => gmail.locator('span.gD[email="anna.schmidt@muster-maschinenbau.de"] + [data-leadcard-chip]').count())
      .toBe(1);
    expect(await chip(gmail).count()).toBe(1);
    expect(await chip(gmail).getAttribute('data-state')).toBe('unknown');

    // Clipping the second thread: a hostile-looking body stays text in the preview.
    const preview = await pressChip(gmail, chip(gmail));
    expect(await preview.locator('[data-testid=mail-clip] input[name=name]').inputValue()).toBe('Anna Schmidt');
    expect(await preview.getByTestId('mail-body').textContent()).toContain(
      `<img src=x onerror="document.title='pwned'">`,
    );
    expect(await preview.locator('[data-testid=mail-body] img').count()).toBe(0);
    expect(await preview.title()).not.toBe('pwned');
    await preview.close();

    // The page keeps ticking (a clock every 50 ms): the adapter reads again after each quiet spell or bounded
    // wait, but an unchanged message is not looked up again (counted in the background's message listener).
    const worker = context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const counter = globalThis as unknown as { chipLookups: number };
      counter.chipLookups = 0;
      chrome.runtime.onMessage.addListener((message: { leadcard?: string }) => {
        if (message?.leadcard === 'mail.chip') counter.chipLookups++;
      });
    });
    await gmail.waitForTimeout(2500);
    expect(await worker.evaluate(() => (globalThis as unknown as { chipLookups: number }).chipLookups)).toBe(0);
    expect(await chip(gmail).count()).toBe(1);
    // …while a new message is: navigating back to the first thread asks once.
    await gmail.evaluate(() => {
      location.hash = 'thread-a';
    });
    await expect.poll(() => chip(gmail).getAttribute('data-state')).toBe('known');
    expect(await worker.evaluate(() => (globalThis as unknown as { chipLookups: number }).chipLookups)).toBe(1);
    await gmail.close();
  });

  it('shows a known customer on Outlook on the web beside the sender', async () => {
    const card = await popup();
    await card.createCard({
      name: 'Brightline Logistics',
      website: 'brightline.com.sg',
      contactName: 'Priya Natarajan',
      contactEmail: 'priya@brightline.com.sg',
    });
    await card.page.close();

    const outlook = await open('outlook.office.com', '/mail/inbox/id/AAMkADAwATM0MDAAMS1iNWE4LTk2AGRkADQ');
    await expect.poll(() => chip(outlook).getAttribute('data-state'), { timeout: 10_000 }).toBe('known');
    const label = (await chip(outlook).getAttribute('aria-label')) ?? '';
    expect(label).toContain('Brightline Logistics');
    expect(label).toContain('Not scored yet');
    expect(label).toContain('Not yet on the server');
    expect(await outlook.locator('[aria-label^="From: Priya"] + [data-leadcard-chip]').count()).toBe(1);
    await outlook.close();
  });
});
