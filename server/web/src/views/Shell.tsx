import { useState } from 'preact/hooks';
import type { Locale, MessageKey } from '../../../../shared/i18n';
import type { Profile } from '../App';
import { useWords } from '../i18n';
import { LanguageSwitch } from '../LanguageSwitch';
import { useApi } from '../use-api';
import { Account } from './Account';
import { Activity } from './Activity';
import { Churn } from './Churn';
import { Complaints } from './Complaints';
import { Forecast } from './Forecast';
import { KeyAccounts } from './KeyAccounts';
import { Leads } from './Leads';
import { Pipeline } from './Pipeline';
import { Rules } from './Rules';
import { Structure } from './Structure';
import { Users } from './Users';

export type Scope = { owner?: string | undefined; team?: string | undefined };
export type ViewId =
  | 'pipeline'
  | 'forecast'
  | 'key-accounts'
  | 'structure'
  | 'churn'
  | 'activity'
  | 'complaints'
  | 'rules'
  | 'leads'
  | 'users'
  | 'account';
/** The views in the navigation (an account's card opens from a link, not from here). */
export const VIEWS: readonly { id: Exclude<ViewId, 'account'>; label: MessageKey }[] = [
  { id: 'pipeline', label: 'manager.nav.pipeline' },
  { id: 'leads', label: 'manager.nav.leads' },
  { id: 'forecast', label: 'manager.nav.forecast' },
  { id: 'key-accounts', label: 'manager.nav.keyAccounts' },
  { id: 'structure', label: 'manager.nav.structure' },
  { id: 'churn', label: 'manager.nav.churn' },
  { id: 'activity', label: 'manager.nav.activity' },
  { id: 'complaints', label: 'manager.nav.complaints' },
  { id: 'rules', label: 'manager.nav.rules' },
  { id: 'users', label: 'manager.nav.users' },
];

type People = { users: Profile[]; teams: string[] };

/** The signed-in page: header (who, language, sign out), the views' navigation, the rep/team scope, the view. */
export function Shell(props: {
  user: Profile;
  view: ViewId;
  accountId: string | null;
  onView: (view: ViewId) => void;
  onLocale: (locale: Locale) => void;
  onLogout: () => void;
}) {
  const { t } = useWords();
  const [scope, setScope] = useState<Scope>({});
  const { user, view } = props;
  return (
    <div class="shell">
      <header class="top">
        <span class="brand">{t('manager.title')}</span>
        <span class="who">{t('manager.signedInAs', { name: user.name, role: t(`manager.role.${user.role}`) })}</span>
        <LanguageSwitch onLocale={props.onLocale} />
        <button type="button" onClick={props.onLogout}>
          {t('manager.logout')}
        </button>
      </header>
      <nav class="views" aria-label={t('manager.nav.label')}>
        {VIEWS.filter((item) => (item.id !== 'rules' && item.id !== 'users') || user.role === 'admin').map((item) => (
          <a
            key={item.id}
            href={`/${item.id}`}
            aria-current={item.id === view ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              props.onView(item.id);
            }}
          >
            {t(item.label)}
          </a>
        ))}
      </nav>
      <main>
        {user.role !== 'rep' && view !== 'account' && view !== 'rules' && view !== 'users' && (
          <ScopeFilter scope={scope} onScope={setScope} />
        )}
        {view === 'pipeline' && <Pipeline scope={scope} user={user} />}
        {view === 'forecast' && <Forecast scope={scope} />}
        {view === 'key-accounts' && <KeyAccounts scope={scope} />}
        {view === 'structure' && <Structure scope={scope} />}
        {view === 'churn' && <Churn scope={scope} />}
        {view === 'activity' && <Activity scope={scope} />}
        {view === 'complaints' && <Complaints scope={scope} />}
        {view === 'rules' && <Rules user={user} />}
        {view === 'leads' && <Leads scope={scope} user={user} />}
        {view === 'users' && <Users user={user} />}
        {view === 'account' && props.accountId !== null && (
          <Account id={props.accountId} role={user.role} onBack={() => history.back()} />
        )}
      </main>
    </div>
  );
}

/** Rep and team pickers (a manager sees their team's reps, an admin everyone). */
function ScopeFilter(props: { scope: Scope; onScope: (scope: Scope) => void }) {
  const { t } = useWords();
  const people = useApi<People>('/api/v1/reports/people');
  const users = people.data?.users ?? [];
  const teams = people.data?.teams ?? [];
  return (
    <fieldset class="scope">
      <legend>{t('manager.filter.heading')}</legend>
      <label>
        {t('manager.filter.owner')}{' '}
        <select
          name="owner"
          value={props.scope.owner ?? ''}
          onChange={(e) => props.onScope({ ...props.scope, owner: e.currentTarget.value || undefined })}
        >
          <option value="">{t('manager.filter.any')}</option>
          {users.map((user) => (
            <option key={user.name} value={user.name}>
              {user.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('manager.filter.team')}{' '}
        <select
          name="team"
          value={props.scope.team ?? ''}
          onChange={(e) => props.onScope({ ...props.scope, team: e.currentTarget.value || undefined })}
        >
          <option value="">{t('manager.filter.any')}</option>
          {teams.map((team) => (
            <option key={team} value={team}>
              {team}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
