import { render } from 'preact';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../messages';
import { browserEnv } from '../../store/meta';
import { storeDb } from '../../store/open';
import { localStorageArea } from '../../sync/background';
import { loadSession, saveSession, signIn } from '../../sync/session';
import { signOut } from '../../sync/sign-out';
import { Options } from '../../ui/Options';
import '../../ui/popup.css';

const root = document.getElementById('app');
if (root) {
  render(
    <Options
      ports={{
        loadSession: () => loadSession(localStorageArea),
        requestHost: (pattern) => browser.permissions.request({ origins: [pattern] }),
        signIn: async (serverUrl, name, password) => {
          const session = await signIn(fetch, serverUrl, name, password, new Date().toISOString());
          await saveSession(localStorageArea, session);
          void sendMessage('session.changed', {});
          return session;
        },
        signOut: async (session, erase) => {
          await signOut(fetch, localStorageArea, session, erase);
          await sendMessage('session.changed', {});
        },
        pendingCount: () => storeDb().outbox.count(),
        transfer: { db: storeDb(), env: browserEnv, onImported: () => void sendMessage('sync.soon', {}) },
      }}
    />,
    root,
  );
}
