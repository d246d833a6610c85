import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Locale } from '../../../shared/i18n';
import { api } from './api';
import { WordsContext, wordsFor } from './i18n';
import { initialLocale, rememberLocale } from './locale';
import { Login } from './views/Login';
import { Shell, VIEWS, type ViewId } from './views/Shell';

export type Profile = { name: string; role: 'rep' | 'manager' | 'admin'; team: string | null };

const viewOfPath = (path: string): ViewId => VIEWS.find((view) => `/${view.id}` === path)?.id ?? 'pipeline';

/** The manager page: the login until there is a session, then the shell with the views. */
export function App() {
  const [locale, setLocale] = useState<Locale>(() => initialLocale());
  const [user, setUser] = useState<Profile | null | undefined>(undefined);
  const [view, setView] = useState<ViewId>(() => viewOfPath(location.pathname));
  const words = useMemo(() => wordsFor(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = words.t('manager.title');
  }, [locale, words]);
  useEffect(() => {
    api<{ user: Profile }>('/api/v1/reports/me').then(
      (body) => setUser(body.user),
      () => setUser(null),
    );
    const onPop = () => setView(viewOfPath(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const changeLocale = (next: Locale) => {
    rememberLocale(next);
    setLocale(next);
  };
  const go = (next: ViewId) => {
    history.pushState(null, '', `/${next}`);
    setView(next);
  };
  const logout = async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    setUser(null);
  };

  return (
    <WordsContext.Provider value={words}>
      {user === undefined ? (
        <main class="centered">
          <p aria-busy="true">{words.t('manager.loading')}</p>
        </main>
      ) : user === null ? (
        <Login onLocale={changeLocale} onSignedIn={setUser} />
      ) : (
        <Shell user={user} view={view} onView={go} onLocale={changeLocale} onLogout={logout} />
      )}
    </WordsContext.Provider>
  );
}
