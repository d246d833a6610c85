import { useState } from 'preact/hooks';
import type { Profile } from '../App';
import { ApiError, api } from '../api';
import { useWords } from '../i18n';
import { Status } from '../Status';
import { useApi } from '../use-api';
import { MoveUser, type Notice, TeamsPanel } from './Teams';

type Listed = { name: string; role: Profile['role']; team: string | null; disabled: boolean; devices: number };

/**
 * Users and teams (admin): list with role, team, state and devices; add a user (the generated password shown
 * once), disable or enable, reset a password (shown once), revoke a user's devices, move a user to another team
 * (./Teams.tsx, with the teams panel: create, rename, delete while empty). Anyone else is told the page is for
 * admins (and the API answers 403).
 */
export function Users(props: { user: Profile }) {
  const { t } = useWords();
  if (props.user.role !== 'admin')
    return (
      <section aria-labelledby="users-heading">
        <h1 id="users-heading">{t('manager.users.heading')}</h1>
        <p class="error" role="alert" data-testid="users-admin-only">
          {t('manager.users.adminOnly')}
        </p>
      </section>
    );
  return <UsersAdmin self={props.user.name} />;
}

function UsersAdmin(props: { self: string }) {
  const { t } = useWords();
  const [nonce, setNonce] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [draft, setDraft] = useState<{ name: string; role: Profile['role']; team: string }>({
    name: '',
    role: 'rep',
    team: '',
  });
  const state = useApi<{ users: Listed[]; teams: string[] }>('/api/v1/users', nonce);

  const act = async (run: () => Promise<Notice>) => {
    try {
      setNotice(await run());
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
      setNotice({ kind: 'error', text: (w) => w('manager.users.failed', { reason: e.message }) });
    }
    setNonce((n) => n + 1);
  };
  const add = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const body = { name: draft.name.trim(), role: draft.role, team: draft.team.trim() || null };
      const res = await api<{ password: string }>('/api/v1/users', { method: 'POST', body });
      setDraft({ name: '', role: draft.role, team: draft.team });
      return { kind: 'ok', text: (w) => w('manager.users.created', { name: body.name }), secret: res.password };
    });
  };
  const post = (name: string, path: string) =>
    api<{ password?: string; revoked?: number }>(`/api/v1/users/${encodeURIComponent(name)}/${path}`, {
      method: 'POST',
    });

  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">{t('manager.users.heading')}</h1>
      {notice && (
        <div class={notice.kind === 'ok' ? 'notice' : 'notice error'} role="status" data-testid="users-notice">
          <p>{notice.text(t)}</p>
          {notice.secret && (
            <p>
              {t('manager.users.passwordOnce')} <code data-testid="users-secret">{notice.secret}</code>
            </p>
          )}
        </div>
      )}
      <form class="user-add" onSubmit={add} aria-labelledby="users-add-heading">
        <h2 id="users-add-heading">{t('manager.users.add')}</h2>
        <label>
          {t('manager.users.name')}{' '}
          <input
            name="new-name"
            required
            value={draft.name}
            onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('manager.users.role')}{' '}
          <select
            name="new-role"
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Profile['role'] })}
          >
            {(['rep', 'manager', 'admin'] as const).map((role) => (
              <option key={role} value={role}>
                {t(`manager.role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('manager.users.team')}{' '}
          <input
            name="new-team"
            list="users-teams"
            value={draft.team}
            onInput={(e) => setDraft({ ...draft, team: e.currentTarget.value })}
          />
        </label>
        <datalist id="users-teams">
          {(state.data?.teams ?? []).map((team) => (
            <option key={team} value={team} />
          ))}
        </datalist>
        <button type="submit">{t('manager.users.addSubmit')}</button>
      </form>
      <TeamsPanel nonce={nonce} act={act} />
      <h2 id="users-list-heading">{t('teams.users')}</h2>
      <Status state={state}>
        {(data) => (
          <div class="table-scroll">
            <table class="users-table" data-testid="users" aria-labelledby="users-list-heading">
              <thead>
                <tr>
                  <th scope="col">{t('manager.users.name')}</th>
                  <th scope="col">{t('manager.users.role')}</th>
                  <th scope="col">{t('manager.users.team')}</th>
                  <th scope="col">{t('manager.users.state')}</th>
                  <th scope="col" class="number">
                    {t('manager.users.devices')}
                  </th>
                  <th scope="col">{t('manager.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => (
                  <tr key={user.name} data-user={user.name}>
                    <th scope="row">{user.name}</th>
                    {/* data-label: a phone shows each row as a card whose cells say what they are (styles.css). */}
                    <td data-label={t('manager.users.role')}>{t(`manager.role.${user.role}`)}</td>
                    <td data-label={t('manager.users.team')}>{user.team ?? '—'}</td>
                    <td data-label={t('manager.users.state')}>
                      {t(user.disabled ? 'manager.users.disabled' : 'manager.users.active')}
                    </td>
                    <td class="number" data-label={t('manager.users.devices')}>
                      {user.devices}
                    </td>
                    <td>
                      <div class="actions">
                        {user.name !== props.self && (
                          <button
                            type="button"
                            class="secondary"
                            data-action={user.disabled ? 'enable' : 'disable'}
                            onClick={() =>
                              void act(async () => {
                                await post(user.name, user.disabled ? 'enable' : 'disable');
                                return {
                                  kind: 'ok',
                                  text: (w) =>
                                    w(user.disabled ? 'manager.users.enabled' : 'manager.users.disabledNow', {
                                      name: user.name,
                                    }),
                                };
                              })
                            }
                          >
                            {t(user.disabled ? 'manager.users.enable' : 'manager.users.disable')}
                          </button>
                        )}
                        <button
                          type="button"
                          class="secondary"
                          data-action="password"
                          onClick={() =>
                            void act(async () => {
                              const res = await post(user.name, 'password');
                              return {
                                kind: 'ok',
                                text: (w) => w('manager.users.passwordReset', { name: user.name }),
                                secret: res.password,
                              };
                            })
                          }
                        >
                          {t('manager.users.resetPassword')}
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          data-action="revoke"
                          onClick={() =>
                            void act(async () => {
                              const res = await post(user.name, 'revoke-devices');
                              return {
                                kind: 'ok',
                                text: (w) => w('manager.users.revoked', { name: user.name, n: res.revoked ?? 0 }),
                              };
                            })
                          }
                        >
                          {t('manager.users.revokeDevices')}
                        </button>
                      </div>
                      <MoveUser
                        key={`${user.name}:${user.team}:${user.role}`}
                        user={user}
                        teams={data.teams}
                        act={act}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Status>
    </section>
  );
}
