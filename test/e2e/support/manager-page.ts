import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { ViewId } from '../../../server/web/src/views/Shell';

/** The manager page as the tests drive it: one object per screen's actions (sign in, switch views and language). */
export class ManagerPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async signIn(name: string, password: string): Promise<void> {
    await this.page.goto(this.url);
    await this.page.locator('input[name="name"]').fill(name);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('form.login button[type="submit"]').click();
    await this.page.locator('nav.views').waitFor();
  }

  async open(view: ViewId): Promise<void> {
    await this.page.locator(`nav.views a[href="/${view}"]`).click();
    await this.page.locator('main section h1').first().waitFor();
    await this.page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
  }

  async language(locale: 'en' | 'zh-CN'): Promise<void> {
    await this.page.locator('header select').selectOption(locale);
  }

  /** axe-core's serious and critical violations of the current view (run through the DevTools protocol, so the
   * page's CSP, which forbids injected scripts, does not block it). */
  async accessibilityViolations(): Promise<{ id: string; impact: string; nodes: number }[]> {
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await this.page.evaluate(source);
    return this.page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: Document) => Promise<AxeResult> } }).axe;
      type AxeResult = { violations: { id: string; impact: string; nodes: unknown[] }[] };
      const result = await axe.run(document);
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
  }
}
