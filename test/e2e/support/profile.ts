import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR } from '../../support/browser';

export interface Profile {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  /** Closes the browser; the profile folder stays unless `remove` (reopen it with `openProfile({ userDataDir })`). */
  close: (options?: { remove?: boolean }) => Promise<void>;
  page: (path: string) => Promise<Page>;
}

/**
 * Debian's Chromium with the built extension, like test/support/browser.ts, plus what these tests need: a
 * profile folder that can be closed and reopened (unsynced edits must survive), and host names mapped to
 * 127.0.0.1 (a "customer site" for the caller-ID badge, served locally).
 */
export async function openProfile(
  options: { locale?: string; userDataDir?: string; hosts?: string[] } = {},
): Promise<Profile> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'leadcard-profile-'));
  const rules = [...(options.hosts ?? []).map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false,
    locale: options.locale,
    viewport: { width: 420, height: 760 },
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
      `--host-resolver-rules=${rules.join(', ')}`,
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    close: async ({ remove = true } = {}) => {
      await context.close();
      if (remove) rmSync(userDataDir, { recursive: true, force: true });
    },
    page: async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
  };
}
