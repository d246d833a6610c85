import { browser } from 'wxt/browser';
import { pickLocale } from '../../shared/i18n';
import type { LeadcardDb } from '../store/db';
import { findByDomain } from '../store/lookup';
import { badgeFor } from './badge';

/**
 * Caller-ID (DESIGN §7): when a tab loads or is switched to, look its registrable domain up in the store and set
 * the toolbar badge of that tab to the customer's grade, coloured hot/warm/cold. Reading tab URLs needs the
 * `tabs` permission (no host permission: nothing is injected into the page).
 */
export function startCallerId(db: LeadcardDb) {
  const locale = pickLocale(browser.i18n.getUILanguage());

  async function update(tabId: number, url: string | undefined) {
    const cards = url && /^https?:/.test(url) ? await findByDomain(db, url) : [];
    const badge = badgeFor(cards, locale);
    await browser.action.setBadgeText({ tabId, text: badge?.text ?? '' });
    if (badge) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
      await browser.action.setTitle({ tabId, title: badge.title });
    } else {
      await browser.action.setTitle({ tabId, title: '' });
    }
  }
  const quietly = (tabId: number, url: string | undefined) =>
    update(tabId, url).catch(() => {
      // The tab closed while we looked: nothing to badge.
    });

  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.url !== undefined || info.status === 'loading' || info.status === 'complete') void quietly(tabId, tab.url);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void browser.tabs.get(tabId).then(
      (tab) => quietly(tabId, tab.url),
      () => undefined,
    );
  });

  /** After a sync brought new cards or grades: every open tab again. */
  async function refreshAll() {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : quietly(tab.id, tab.url))));
  }
  return { refreshAll };
}
