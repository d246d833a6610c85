import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/browser';

const mail = (name: string) => ({
  name,
  mimeType: 'message/rfc822',
  buffer: readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url)),
});

/**
 * `.eml` by hand in the built extension's side panel page (Debian's Chromium): a batch of picked files, one of
 * them broken, becomes clip previews with a progress bar; the broken file shows its one-line error and the rest
 * go on; saving a preview stores the card and its mail, once.
 */
describe('.eml files in the side panel, in real Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ locale: 'en-US' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('reads a batch into previews, shows the broken file’s error, and saves a card with its mail once', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await page
      .getByTestId('eml-input')
      .setInputFiles([
        mail('gmail-en-reply-signature.eml'),
        mail('malformed-not-an-email.eml'),
        mail('foxmail-gb2312-gbk-bytes.eml'),
      ]);
    const progress = page.getByTestId('eml-progress');
    await expect.poll(() => progress.getAttribute('data-done')).toBe('3');
    expect(await progress.getAttribute('data-total')).toBe('3');
    expect(await progress.textContent()).toBe(' 3 of 3 read · 1 could not be read');
    expect(await page.getByTestId('eml-error').allTextContents()).toEqual([
      'malformed-not-an-email.eml is not an email: it does not start with mail headers.',
    ]);

    const previews = page.getByTestId('mail-clip');
    await expect.poll(() => previews.count()).toBe(2);
    expect(await previews.getByTestId('mail-subject').allTextContents()).toEqual([
      'Re: Q2 order call',
      '回复：询价：工业传感器',
    ]);
    const first = previews.first();
    expect(await first.locator('input[name=name]').inputValue()).toBe('Michael Chen');
    expect(await first.locator('input[name=emails]').inputValue()).toContain('m.chen@northwind-components.co.uk');
    const second = previews.nth(1);
    expect(await second.locator('input[name=name]').inputValue()).toBe('游采樺');

    await first.locator('button[type=submit]').click();
    await expect.poll(() => first.getByTestId('mail-saved').getAttribute('data-outcome')).toBe('saved');
    // Picking the same file again: the preview now says where it goes, and saving does not add the mail twice.
    await page.getByTestId('eml-input').setInputFiles([mail('gmail-en-reply-signature.eml')]);
    await expect.poll(() => previews.count()).toBe(3);
    const again = previews.nth(2);
    await expect.poll(() => again.getByTestId('mail-match').textContent()).toMatch(/^Saving merges into/);
    await again.locator('button[type=submit]').click();
    await expect.poll(() => again.getByTestId('mail-saved').getAttribute('data-outcome')).toBe('duplicate');
  });
});
