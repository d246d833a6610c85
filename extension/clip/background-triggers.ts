import { browser } from 'wxt/browser';
import { pickLocale, t } from '../../shared/i18n';
import { uuidv7 } from '../../shared/id/uuidv7';
import { candidatesFromText } from '../capture/labelled-text';
import { browserEnv } from '../store/meta';
import { clipPageUrl, scripting, sessionArea } from './browser-ports';
import { CaptureError, captureTab, type ScriptingPort } from './capture-tab';
import type { ClipMode } from './clip-draft';
import { pendingPageClips } from './pending-page-clips';

/** The `commands` entry of the manifest (wxt.config.ts) that clips the page from the keyboard. */
export const CLIP_COMMAND = 'clip-page';
const MENU = { page: 'leadcard-clip-page', selection: 'leadcard-clip-selection' } as const;

/** What a background clip needs from the browser (fakes in tests). */
export interface BackgroundClipPorts {
  scripting: ScriptingPort;
  pending: Pick<ReturnType<typeof pendingPageClips>, 'put'>;
  newId: () => string;
  pageUrl: typeof clipPageUrl;
  openWindow: (url: string) => Promise<unknown>;
}

/**
 * Captures the tab the rep acted on (the shortcut or the context menu granted `activeTab`), keeps the capture in
 * session storage and opens its preview in a small window (no user gesture needed, unlike the popup or side
 * panel). A tab that cannot be read opens the preview over the tab, which says why.
 */
export async function clipFromBackground(
  ports: BackgroundClipPorts,
  tab: { id?: number } | undefined,
  mode: ClipMode,
  frameId?: number,
  selectionText?: string,
): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return;
  let url: string;
  try {
    const capture = await captureTab(ports.scripting, tabId, frameId);
    // The page's selection keeps its line breaks; the menu's copy is the fallback (a selection in a text field).
    if (mode === 'selection' && !capture.selection && selectionText?.trim())
      capture.selection = { text: selectionText, contacts: candidatesFromText(selectionText) };
    const id = ports.newId();
    await ports.pending.put({ id, mode, capture });
    url = ports.pageUrl({ clip: id });
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    url = ports.pageUrl({ tab: tabId, mode, frame: frameId });
  }
  await ports.openWindow(url);
}

/** Registers the context menu ("Clip page as lead", "Clip selection as lead") and the keyboard shortcut. */
export function startClipTriggers(): void {
  const ports: BackgroundClipPorts = {
    scripting,
    pending: pendingPageClips(sessionArea()),
    newId: () => uuidv7(browserEnv.now(), browserEnv.randomBytes),
    pageUrl: clipPageUrl,
    openWindow: (url) => browser.windows.create({ url, type: 'popup', width: 460, height: 760 }),
  };
  browser.runtime.onInstalled.addListener(() => {
    const locale = pickLocale(browser.i18n.getUILanguage());
    // Only this feature's entries are replaced (an update keeps them in some browsers); other menus stay.
    const removed = Object.values(MENU).map((id) => browser.contextMenus.remove(id).catch(() => undefined));
    void Promise.all(removed).then(() => {
      browser.contextMenus.create({ id: MENU.page, title: t(locale, 'clip.menu.page'), contexts: ['page'] });
      browser.contextMenus.create({
        id: MENU.selection,
        title: t(locale, 'clip.menu.selection'),
        contexts: ['selection'],
      });
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU.page) void clipFromBackground(ports, tab, 'page', info.frameId);
    if (info.menuItemId === MENU.selection)
      void clipFromBackground(ports, tab, 'selection', info.frameId, info.selectionText);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== CLIP_COMMAND) return;
    // Firefox before 126 passes no tab to `onCommand`: the shortcut means the active tab.
    const target = tab
      ? Promise.resolve(tab)
      : browser.tabs.query({ active: true, lastFocusedWindow: true }).then(([active]) => active);
    void target.then((resolved) => clipFromBackground(ports, resolved, 'page'));
  });
}
