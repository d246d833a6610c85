import { browser } from 'wxt/browser';
import { pickLocale, t } from '../../shared/i18n';
import { uuidv7 } from '../../shared/id/uuidv7';
import { candidatesFromText } from '../capture/labelled-text';
import { browserEnv } from '../store/meta';
import { clipPageUrl, scripting, sessionArea } from './browser-ports';
import { captureTab } from './capture-tab';
import type { ClipMode } from './clip-draft';
import { pendingPageClips } from './pending-page-clips';

/** The `commands` entry of the manifest (wxt.config.ts) that clips the page from the keyboard. */
export const CLIP_COMMAND = 'clip-page';
const MENU = { page: 'leadcard-clip-page', selection: 'leadcard-clip-selection' } as const;

/**
 * Captures the tab the rep acted on (the shortcut or the context menu granted `activeTab`), keeps the capture in
 * session storage and opens its preview in a small window. A tab that cannot be read opens the preview over the
 * tab, which says why.
 */
export async function clipFromBackground(
  tab: { id?: number; windowId?: number } | undefined,
  mode: ClipMode,
  frameId?: number,
  selectionText?: string,
): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return;
  let url: string;
  try {
    const capture = await captureTab(scripting, tabId, frameId);
    // The page's selection keeps its line breaks; the menu's copy is the fallback (a selection in a text field).
    if (mode === 'selection' && !capture.selection && selectionText?.trim())
      capture.selection = { text: selectionText, contacts: candidatesFromText(selectionText) };
    const id = uuidv7(browserEnv.now(), browserEnv.randomBytes);
    await pendingPageClips(sessionArea()).put({ id, mode, capture });
    url = clipPageUrl({ clip: id });
  } catch {
    url = clipPageUrl({ tab: tabId, mode, frame: frameId });
  }
  await browser.windows.create({ url, type: 'popup', width: 460, height: 760 });
}

/** Registers the context menu ("Clip page as lead", "Clip selection as lead") and the keyboard shortcut. */
export function startClipTriggers(): void {
  browser.runtime.onInstalled.addListener(() => {
    const locale = pickLocale(browser.i18n.getUILanguage());
    void browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({ id: MENU.page, title: t(locale, 'clip.menu.page'), contexts: ['page'] });
      browser.contextMenus.create({
        id: MENU.selection,
        title: t(locale, 'clip.menu.selection'),
        contexts: ['selection'],
      });
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU.page) void clipFromBackground(tab, 'page', info.frameId);
    if (info.menuItemId === MENU.selection) void clipFromBackground(tab, 'selection', info.frameId, info.selectionText);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === CLIP_COMMAND) void clipFromBackground(tab, 'page');
  });
}
