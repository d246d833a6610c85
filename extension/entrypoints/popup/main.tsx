import { render } from 'preact';
import { browser } from 'wxt/browser';
import { openClipInPopup } from '../../clip/browser-ports';
import { sendMessage } from '../../messages';
import { browserEnv } from '../../store/meta';
import { storeDb } from '../../store/open';
import { localStorageArea } from '../../sync/background';
import { loadSession, type Session, sessionWithFreshRole } from '../../sync/session';
import { claimAccount } from '../../ui/Claim';
import { Popup } from '../../ui/Popup';
import { overrideStageOnServer } from '../../ui/stage-override';
import '../../ui/popup.css';

/** The tab the popup is over; `?tab=ID` names one (tests, and the side panel opening a given tab's card). */
async function tabUrl(): Promise<string | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return (await browser.tabs.get(named)).url;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

function show(root: HTMLElement, session: Session | null) {
  render(
    <Popup
      ports={{
        db: storeDb(),
        env: browserEnv,
        me: session?.name ?? null,
        tabUrl,
        syncNow: () => void sendMessage('sync.now', {}),
        syncSoon: () => void sendMessage('sync.soon', {}),
        openOptions: () => void browser.runtime.openOptionsPage(),
        clipPage: () => void openClipInPopup(),
        // The role learnt at sign-in: a manager or admin is offered the stage-gate override (the server decides).
        ...(session?.role ? { role: session.role } : {}),
        ...(session
          ? {
              claim: (accountId: string) => claimAccount(fetch, session, accountId),
              overrideStage: (request) => overrideStageOnServer(fetch, session, request),
            }
          : {}),
      }}
    />,
    root,
  );
}

const root = document.getElementById('app');
if (root) {
  void loadSession(localStorageArea).then(async (session) => {
    show(root, session);
    // A role changed on the server since sign-in (or never learnt) shows without signing in again.
    const fresh = session ? await sessionWithFreshRole(fetch, localStorageArea, session) : null;
    if (fresh) show(root, fresh);
  });
}
