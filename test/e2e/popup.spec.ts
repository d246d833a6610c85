import { afterEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/browser';

describe('popup in real Chromium', () => {
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it.each([
    ['en-US', 'Leadcard'],
    ['zh-CN', 'Leadcard 客户卡'],
  ])('shows the product name in the browser language %s', async (locale, name) => {
    browser = await launchWithExtension({ locale });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect.poll(() => page.getByTestId('product-name').textContent()).toBe(name);
  });
});
