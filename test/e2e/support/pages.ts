import type { Page } from 'playwright-core';
import type { Profile } from './profile';

/** The options page: sign in and out. */
export class OptionsPage {
  constructor(readonly page: Page) {}
  static async open(profile: Profile) {
    return new OptionsPage(await profile.page('options.html'));
  }
  async signIn(serverUrl: string, name: string, password: string) {
    await this.page.locator('input[name=server]').fill(serverUrl);
    await this.page.locator('input[name=name]').fill(name);
    await this.page.locator('input[name=password]').fill(password);
    await this.page.locator('form[data-testid=sign-in] button[type=submit]').click();
    await this.page.getByTestId('signed-in').waitFor();
  }
}

/** The toolbar popup, opened as a page (over a given tab for caller-ID). */
export class PopupPage {
  constructor(readonly page: Page) {}
  static async open(profile: Profile, tabId?: number) {
    return new PopupPage(await profile.page(tabId ? `popup.html?tab=${tabId}` : 'popup.html'));
  }
  syncStatus() {
    return this.page.getByTestId('sync-state').getAttribute('data-status');
  }
  syncText() {
    return this.page.getByTestId('sync-state').textContent();
  }
  async syncNow() {
    await this.page.locator('[data-testid=sync-state] button').click();
  }
  async search(query: string) {
    await this.page.getByTestId('search').fill(query);
  }
  async resultNames() {
    return this.page.locator('[data-testid=result] .name').allTextContents();
  }
  async openResult(name: string) {
    await this.page.locator('[data-testid=result]', { hasText: name }).first().click();
    await this.page.getByTestId('card').waitFor();
  }
  async createCard(fields: Record<string, string>) {
    await this.page.getByTestId('new-card-button').click();
    for (const [name, value] of Object.entries(fields))
      await this.page.locator(`[data-testid=new-card] input[name=${name}]`).fill(value);
    await this.page.locator('[data-testid=new-card] button[type=submit]').click();
    await this.page.getByTestId('card').waitFor();
  }
  cardName() {
    return this.page.getByTestId('card-name').textContent();
  }
  async logVisit(summary: string, nextAt: string, place: string) {
    const form = this.page.getByTestId('log-form');
    await form.locator('input[value=visit]').check();
    await form.locator('textarea[name=summary]').fill(summary);
    await form.locator('input[name=nextAt]').fill(nextAt);
    await form.locator('input[name=nextPlace]').fill(place);
    await form.locator('button[type=submit]').click();
  }
  history() {
    return this.page.getByTestId('history').textContent();
  }
  async edit(fields: Record<string, string>) {
    await this.page.getByTestId('edit-card').click();
    for (const [name, value] of Object.entries(fields))
      await this.page.locator(`[data-testid=edit-form] input[name=${name}]`).fill(value);
    await this.page.locator('[data-testid=edit-form] button[type=submit]').click();
    await this.page.locator('[data-testid=edit-form] [role=status]').waitFor();
  }
  async edited(field: string) {
    return this.page.locator(`[data-testid=edit-form] input[name=${field}]`).inputValue();
  }
}
