import { useState } from 'preact/hooks';
import type { Locale } from '../../../../shared/i18n';
import type { Profile } from '../App';
import { api } from '../api';
import { useWords } from '../i18n';
import { LanguageSwitch } from '../LanguageSwitch';

/** Sign-in with name and password: `POST /api/v1/auth/login` sets the session cookie. */
export function Login(props: { onSignedIn: (user: Profile) => void; onLocale: (locale: Locale) => void }) {
  const { t } = useWords();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = await api<{ user: Profile }>('/api/v1/auth/login', { method: 'POST', body: { name, password } });
      props.onSignedIn(body.user);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="centered">
      <form class="login" onSubmit={submit}>
        <h1>{t('manager.title')}</h1>
        <h2>{t('manager.login.heading')}</h2>
        <label>
          {t('manager.login.name')}
          <input
            name="name"
            autocomplete="username"
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('manager.login.password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error !== null && (
          <p class="error" role="alert">
            {t('manager.login.failed', { reason: error })}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('manager.login.submit')}
        </button>
        <LanguageSwitch onLocale={props.onLocale} />
      </form>
    </main>
  );
}
