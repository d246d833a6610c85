import { render } from 'preact';
import { uuidv7 } from '../../../shared/id/uuidv7';
import { parseEmail } from '../../capture/mail/parsed-email';
import { MailSidePanel } from '../../mail-adapters/MailSidePanel';
import { sendMessage } from '../../messages';
import { browserEnv } from '../../store/meta';
import { storeDb } from '../../store/open';
import { localStorageArea } from '../../sync/background';
import { loadSession } from '../../sync/session';
import '../../ui/popup.css';
import '../../mail-adapters/side-panel.css';

const root = document.getElementById('app');
if (root) {
  const clipId = new URLSearchParams(location.search).get('clip');
  void loadSession(localStorageArea).then((session) => {
    render(
      <MailSidePanel
        ports={{
          db: storeDb(),
          env: browserEnv,
          me: session?.name ?? null,
          pendingClip: async () => (clipId ? ((await sendMessage('mail.pending', { clipId })) ?? 'gone') : null),
          parse: (raw) => parseEmail(raw),
          newId: () => uuidv7(browserEnv.now(), browserEnv.randomBytes),
          syncSoon: () => void sendMessage('sync.soon', {}),
        }}
      />,
      root,
    );
  });
}
