import { useState } from 'preact/hooks';
import type { Profile } from '../App';
import { api } from '../api';
import { type Translate, useWords } from '../i18n';
import { Status } from '../Status';
import { useApi } from '../use-api';

type Role = Profile['role'];
type Team = {
  name: string;
  createdAt: string;
  members: { name: string; role: Role; disabled: boolean }[];
  ownedAccounts: number;
  pool: number;
};

/** A result line of the "Users and teams" view; `secret` is a password shown once. */
export type Notice = {
  kind: 'ok' | 'error';
  /** Worded when shown, so that a notice follows a change of language. */
  text: (t: Translate) => string;
  secret?: string;
};
/** Runs an admin action, shows its notice (or the refusal) and reloads the view's lists. */
export type Act = (run: () => Promise<Notice>) => Promise<void>;

const teamPath = (name: string) => `/api/v1/teams/${encodeURIComponent(name)}`;

/** The value of a named field of the submitted form (forms here are uncontrolled: one request per submit). */
function field(event: Event, name: string): string {
  const form = event.currentTarget as HTMLFormElement;
  return String(new FormData(form).get(name) ?? '').trim();
}

/**
 * The teams panel (admin): every team with its managers and reps, owned accounts and public pool (公海) size;
 * create, rename (users and cards follow on the server) and delete while empty. `nonce` reloads it after any
 * change on the view (a user added or moved changes the members and counts).
 */
export function TeamsPanel(props: { nonce: number; act: Act }) {
  const { t } = useWords();
  const state = useApi<{ teams: Team[] }>('/api/v1/teams', props.nonce);

  const create = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = field(event, 'team-name');
    void props.act(async () => {
      await api('/api/v1/teams', { method: 'POST', body: { name } });
      form.reset();
      return { kind: 'ok', text: (w) => w('teams.created', { name }) };
    });
  };

  return (
    <section aria-labelledby="teams-heading" class="teams" data-testid="teams">
      <h2 id="teams-heading">{t('teams.heading')}</h2>
      <form class="team-add" onSubmit={create}>
        <label>
          {t('teams.name')} <input name="team-name" required maxLength={64} />
        </label>
        <button type="submit">{t('teams.createSubmit')}</button>
      </form>
      <p class="muted" id="teams-delete-hint">
        {t('teams.deleteOnlyEmpty')}
      </p>
      <Status state={state}>
        {(data) =>
          data.teams.length === 0 ? (
            <p class="muted">{t('teams.none')}</p>
          ) : (
            <ul class="plain team-cards">
              {data.teams.map((team) => (
                <TeamCard key={team.name} team={team} act={props.act} />
              ))}
            </ul>
          )
        }
      </Status>
    </section>
  );
}

function TeamCard(props: { team: Team; act: Act }) {
  const { t } = useWords();
  const { team } = props;
  const names = (role: Role) => {
    const members = team.members.filter((m) => m.role === role);
    if (members.length === 0) return t('teams.nobody');
    return members.map((m) => (m.disabled ? t('teams.disabled', { name: m.name }) : m.name)).join(', ');
  };
  const empty = team.members.length === 0 && team.ownedAccounts === 0 && team.pool === 0;
  const rename = (event: Event) => {
    event.preventDefault();
    const to = field(event, 'rename-to');
    void props.act(async () => {
      const res = await api<{ accounts: number }>(`${teamPath(team.name)}/rename`, {
        method: 'POST',
        body: { name: to },
      });
      return { kind: 'ok', text: (w) => w('teams.renamed', { from: team.name, to, n: res.accounts }) };
    });
  };
  const remove = () =>
    void props.act(async () => {
      await api(teamPath(team.name), { method: 'DELETE' });
      return { kind: 'ok', text: (w) => w('teams.deleted', { name: team.name }) };
    });
  const hasAdmins = team.members.some((m) => m.role === 'admin');

  return (
    <li class="team-card" data-team={team.name}>
      <h3>{team.name}</h3>
      <dl>
        <div>
          <dt>{t('teams.managers')}</dt>
          <dd data-field="managers">{names('manager')}</dd>
        </div>
        <div>
          <dt>{t('teams.reps')}</dt>
          <dd data-field="reps">{names('rep')}</dd>
        </div>
        {hasAdmins && (
          <div>
            <dt>{t('teams.admins')}</dt>
            <dd data-field="admins">{names('admin')}</dd>
          </div>
        )}
        <div>
          <dt>{t('teams.ownedAccounts')}</dt>
          <dd data-field="owned">{team.ownedAccounts}</dd>
        </div>
        <div>
          <dt>{t('teams.pool')}</dt>
          <dd data-field="pool">{team.pool}</dd>
        </div>
      </dl>
      <div class="actions">
        <details class="team-rename">
          <summary>{t('teams.rename')}</summary>
          <form onSubmit={rename}>
            <label>
              {t('teams.renameTo')} <input name="rename-to" required maxLength={64} defaultValue={team.name} />
            </label>
            <button type="submit">{t('teams.renameSubmit')}</button>
          </form>
        </details>
        <button
          type="button"
          class="secondary"
          data-action="delete-team"
          aria-label={t('teams.deleteLabel', { name: team.name })}
          disabled={!empty}
          aria-describedby={empty ? undefined : 'teams-delete-hint'}
          onClick={remove}
        >
          {t('teams.delete')}
        </button>
      </div>
    </li>
  );
}

/**
 * "Move to team" for one user: a team (existing ones; none only for an admin) and a role, with an optional reason
 * that the server records on every card the user owns (those cards move with them).
 */
export function MoveUser(props: {
  user: { name: string; role: Role; team: string | null };
  teams: string[];
  act: Act;
}) {
  const { t } = useWords();
  const { user } = props;
  const [team, setTeam] = useState(user.team ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const move = (event: Event) => {
    event.preventDefault();
    const reason = field(event, 'move-reason');
    void props.act(async () => {
      const res = await api<{ user: { team: string | null; role: Role }; movedAccounts: number }>(
        `/api/v1/users/${encodeURIComponent(user.name)}/team`,
        { method: 'POST', body: { team: team || null, role, ...(reason ? { reason } : {}) } },
      );
      return {
        kind: 'ok',
        text: (w) =>
          w('teams.moved', {
            name: user.name,
            team: res.user.team ?? w('teams.noTeam'),
            role: w(`manager.role.${res.user.role}`),
            n: res.movedAccounts,
          }),
      };
    });
  };
  return (
    <details class="move-user">
      <summary>{t('teams.move')}</summary>
      <form onSubmit={move}>
        <label>
          {t('teams.moveTeam')}{' '}
          <select name="move-team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">{t('teams.noTeam')}</option>
            {props.teams.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('teams.moveRole')}{' '}
          <select name="move-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {(['rep', 'manager', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`manager.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('teams.moveReason')} <input name="move-reason" maxLength={500} />
        </label>
        <button type="submit">{t('teams.moveSubmit')}</button>
      </form>
    </details>
  );
}
