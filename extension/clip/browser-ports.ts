import { browser } from 'wxt/browser';
import { sendMessage } from '../messages';
import { browserEnv } from '../store/meta';
import { storeDb } from '../store/open';
import { localStorageArea } from '../sync/background';
import { loadSession } from '../sync/session';
import type { ClipPagePorts } from '../ui/ClipPage';
import { captureTab, type ScriptingPort } from './capture-tab';
import type { ClipMode } from './clip-draft';
import { checkOwnership } from './ownership-check';
import { pendingPageClips } from './pending-page-clips';

/** The clip page's address: over a tab it reads itself (popup), or a capture the background made (`clip`). */
export function clipPageUrl(target: { tab: number; frame?: number; mode?: ClipMode } | { clip: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(target)) if (value !== undefined) params.set(key, String(value));
  return browser.runtime.getURL(`/clip.html?${params}`);
}

export const sessionArea = () => ({
  get: (key: string) => browser.storage.session.get(key),
  set: (items: Record<string, unknown>) => browser.storage.session.set(items),
});

export const scripting: ScriptingPort = {
  executeScript: (injection) =>
    browser.scripting.executeScript(injection as Parameters<typeof browser.scripting.executeScript>[0]) as Promise<
      Array<{ result?: unknown }>
    >,
};

/** The clip page's ports in the browser: its query names what to read (see `clipPageUrl`). */
export async function browserClipPorts(search: string): Promise<ClipPagePorts> {
  const params = new URLSearchParams(search);
  const session = await loadSession(localStorageArea);
  const mode: ClipMode = params.get('mode') === 'selection' ? 'selection' : 'page';
  const loadCapture: ClipPagePorts['loadCapture'] = async () => {
    const clipId = params.get('clip');
    if (clipId) {
      const pending = await pendingPageClips(sessionArea()).get(clipId);
      return pending ? { capture: pending.capture, mode: pending.mode } : 'gone';
    }
    let tabId = Number(params.get('tab'));
    if (!Number.isInteger(tabId) || tabId <= 0) {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      tabId = tab?.id ?? -1;
    }
    const frame = params.get('frame');
    return { capture: await captureTab(scripting, tabId, frame === null ? undefined : Number(frame)), mode };
  };
  return {
    db: storeDb(),
    env: browserEnv,
    me: session?.name ?? null,
    loadCapture,
    checkOwnership: (candidate) =>
      checkOwnership((input, init) => fetch(input, init), session, candidate, navigator.onLine),
    syncSoon: () => void sendMessage('sync.soon', {}).catch(() => undefined),
    close: () => window.close(),
  };
}

/** "Clip this page" in the popup: the popup turns into the clip page over its tab (`?tab=ID` names one). */
export async function openClipInPopup(): Promise<void> {
  let tabId = Number(new URLSearchParams(location.search).get('tab'));
  if (!Number.isInteger(tabId) || tabId <= 0) {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId = tab?.id ?? -1;
  }
  location.assign(clipPageUrl({ tab: tabId }));
}
