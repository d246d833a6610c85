import { useEffect, useState } from 'preact/hooks';
import { type Locale, pickLocale, t } from '../../shared/i18n';
import { hostPermissionOf, type Session, serverUrlOf } from '../sync/session';
import { ImportExport, type TransferPorts } from './ImportExport';

/** What the options page needs from the browser and the background, passed in (tests drive it with fakes). */
export interface OptionsPorts {
  loadSession: () => Promise<Session | null>;
  /** Asks for the server's host permission; must run inside the click that asked for it. */
  requestHost: (pattern: string) => Promise<boolean>;
  signIn: (serverUrl: string, name: string, password: string) => Promise<Session>;
  signOut: (session: Session, erase: boolean) => Promise<void>;
  pendingCount: () => Promise<number>;
  /** The local store, for import and export (absent: the section is not shown). */
  transfer?: TransferPorts;
}

/** Sign-in (server URL, name, password → device token) and sign-out (optionally erasing the local cards). */
export function Options({ ports, language = navigator.language }: { ports: OptionsPorts; language?: string }) {
  const locale: Locale = pickLocale(language);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void ports.loadSession().then(setSession);
  }, []);

  return (
    <main class="options" lang={locale}>
      <h1>{t(locale, 'extension.options.title')}</h1>
      {notice ? (
        <p role="status" data-testid="options-notice">
          {notice}
        </p>
      ) : null}
      {session === undefined ? null : session ? (
        <SignedIn
          session={session}
          locale={locale}
          ports={ports}
          onSignedOut={(erased) => {
            setSession(null);
            setNotice(t(locale, erased ? 'extension.options.signedOutErased' : 'extension.options.signedOut'));
          }}
        />
      ) : (
        <SignInForm
          locale={locale}
          ports={ports}
          onSignedIn={(next) => {
            setNotice(null);
            setSession(next);
          }}
        />
      )}
      {ports.transfer ? <ImportExport ports={ports.transfer} locale={locale} /> : null}
    </main>
  );
}

function SignInForm({
  locale,
  ports,
  onSignedIn,
}: {
  locale: Locale;
  ports: OptionsPorts;
  onSignedIn: (s: Session) => void;
}) {
  const [server, setServer] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const url = serverUrlOf(server);
    if (!url) {
      setError(t(locale, 'extension.options.badUrl', { value: server }));
      return;
    }
    // The permission prompt must come straight from the click: ask before any other await.
    const granted = await ports.requestHost(hostPermissionOf(url));
    if (!granted) {
      setError(t(locale, 'extension.options.permissionDenied', { host: new URL(url).host }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await ports.signIn(url, name.trim(), password));
    } catch (e) {
      setError(t(locale, 'extension.options.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid="sign-in">
      <h2>{t(locale, 'extension.options.signInTitle')}</h2>
      <label>
        {t(locale, 'extension.options.serverUrl')}
        <input
          name="server"
          required
          value={server}
          placeholder="https://leadcard.example.cn"
          onInput={(e) => setServer(e.currentTarget.value)}
        />
      </label>
      <label>
        {t(locale, 'extension.options.name')}
        <input
          name="name"
          required
          autoComplete="username"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        {t(locale, 'extension.options.password')}
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t(locale, busy ? 'extension.options.signingIn' : 'extension.options.signIn')}
      </button>
      {error ? (
        <p class="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function SignedIn({
  session,
  locale,
  ports,
  onSignedOut,
}: {
  session: Session;
  locale: Locale;
  ports: OptionsPorts;
  onSignedOut: (erased: boolean) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [erase, setErase] = useState(false);
  const [pending, setPending] = useState(0);

  return (
    <section data-testid="signed-in">
      <p>{t(locale, 'extension.options.signedInAs', { name: session.name, server: session.serverUrl })}</p>
      {confirming ? (
        <div
          class="confirm"
          role="dialog"
          aria-label={t(locale, 'extension.options.confirmTitle', { server: session.serverUrl })}
        >
          <h2>{t(locale, 'extension.options.confirmTitle', { server: session.serverUrl })}</h2>
          <label>
            <input type="checkbox" name="erase" checked={erase} onChange={(e) => setErase(e.currentTarget.checked)} />{' '}
            {t(locale, 'extension.options.erase')}
          </label>
          {erase && pending > 0 ? (
            <p class="error">{t(locale, 'extension.options.eraseWarning', { count: pending })}</p>
          ) : null}
          <button
            type="submit"
            data-testid="confirm-sign-out"
            onClick={async () => {
              await ports.signOut(session, erase);
              onSignedOut(erase);
            }}
          >
            {t(locale, 'extension.options.confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t(locale, 'extension.options.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          data-testid="sign-out"
          onClick={async () => {
            setPending(await ports.pendingCount());
            setConfirming(true);
          }}
        >
          {t(locale, 'extension.options.signOut')}
        </button>
      )}
    </section>
  );
}
