import { render } from 'preact';
import { browser } from 'wxt/browser';
import { openClipInPopup } from '../../clip/browser-ports';
import { sendMessage } from '../../messages';
import { browserEnv } from '../../store/meta';
import { storeDb } from '../../store/open';
import { localStorageArea } from '../../sync/background';
import { loadSession } from '../../sync/session';
import { claimAccount } from '../../ui/Claim';
import { Popup } from '../../ui/Popup';
import '../../ui/popup.css';

/** The tab the popup is over; `?tab=ID` names one (tests, and the side panel opening a given tab's card). */
async function tabUrl(): Promise<string | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return (await browser.tabs.get(named)).url;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

const root = document.getElementById('app');
if (root) {
  void loadSession(localStorageArea).then((session) => {
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
          ...(session ? { claim: (accountId: string) => claimAccount(fetch, session, accountId) } : {}),
        }}
      />,
      root,
    );
  });
}
