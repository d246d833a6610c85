import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Locale } from '../../../shared/i18n';
import { OpenAccount } from './AccountLink';
import { api } from './api';
import { WordsContext, wordsFor } from './i18n';
import { initialLocale, rememberLocale } from './locale';
import { Login } from './views/Login';
import { Shell, VIEWS, type ViewId } from './views/Shell';

export type Profile = { name: string; role: 'rep' | 'manager' | 'admin'; team: string | null };

type Route = { view: ViewId; accountId: string | null };

/** `/pipeline`, `/key-accounts`… name a view; `/account/ID` an account's card; anything else is the pipeline. */
function routeOfPath(path: string): Route {
  const account = /^\/account\/([^/]+)$/.exec(path);
  if (account?.[1]) return { view: 'account', accountId: decodeURIComponent(account[1]) };
  return { view: VIEWS.find((view) => `/${view.id}` === path)?.id ?? 'pipeline', accountId: null };
}

/** The manager page: the login until there is a session, then the shell with the views. */
export function App() {
  const [locale, setLocale] = useState<Locale>(() => initialLocale());
  const [user, setUser] = useState<Profile | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(() => routeOfPath(location.pathname));
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
    const onPop = () => setRoute(routeOfPath(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const changeLocale = (next: Locale) => {
    rememberLocale(next);
    setLocale(next);
  };
  const go = (next: ViewId) => {
    history.pushState(null, '', `/${next}`);
    setRoute({ view: next, accountId: null });
  };
  const openAccount = (id: string) => {
    history.pushState(null, '', `/account/${encodeURIComponent(id)}`);
    setRoute({ view: 'account', accountId: id });
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
        <OpenAccount.Provider value={openAccount}>
          <Shell
            user={user}
            view={route.view}
            accountId={route.accountId}
            onView={go}
            onLocale={changeLocale}
            onLogout={logout}
          />
        </OpenAccount.Provider>
      )}
    </WordsContext.Provider>
  );
}
