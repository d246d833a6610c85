import { useState } from 'preact/hooks';
import type { MessageKey } from '../../../../shared/i18n';
import { leadSource, leadStatus } from '../../../../shared/schema/entities';
import { explainLine } from '../../../../shared/scoring/explain';
import type { LeadItem, LeadSort } from '../../../reports/leads';
import type { Page } from '../../../reports/rows';
import { AccountLink } from '../AccountLink';
import type { Profile } from '../App';
import { ApiError, api, query } from '../api';
import { useWords } from '../i18n';
import { Pager } from '../Pager';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

const PAGE = 50;

type Filters = {
  band?: string | undefined;
  qualification?: string | undefined;
  leadStatus?: string | undefined;
  source?: string | undefined;
  pool?: string | undefined;
  q?: string | undefined;
};
type Action = 'assign' | 'release' | 'claim';
type Outcome = { action: Action; done: number; refused: { name: string; code: string; message: string }[] };
type ScoreLine = {
  rule: string;
  field: string;
  points: number;
  text: string;
  key?: string;
  params?: Record<string, string | number>;
};

/** Refusal codes of the ownership endpoints (server/routes/accounts.ts) the page explains in its language. */
const REFUSALS = ['cap-reached', 'forbidden', 'owned', 'locked', 'conflict', 'no-owner'];

/**
 * The leads (潜在客户): score, band, 甲/乙/丙, lead status, owner and source, filtered, sorted and paginated on the
 * server; each lead's explanation on demand; bulk assign, release to the pool (公海) and claim through the
 * ownership endpoints, each refusal shown with its reason.
 */
export function Leads(props: { scope: Scope; user: Profile }) {
  const { t, locale } = useWords();
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<{ by: LeadSort; dir: 'asc' | 'desc' }>({ by: 'score', dir: 'desc' });
  const [offset, setOffset] = useState(0);
  const [nonce, setNonce] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const state = useApi<Page<LeadItem>>(
    `/api/v1/reports/leads${query({ ...props.scope, ...filters, sort: sort.by, dir: sort.dir, offset, limit: PAGE })}`,
    nonce,
  );
  const people = useApi<{ users: Profile[] }>('/api/v1/reports/people');
  const manages = props.user.role !== 'rep';
  const reps = (people.data?.users ?? []).filter(
    (u) => u.role === 'rep' && (props.user.role === 'admin' || u.team === props.user.team),
  );

  const filter = (next: Filters) => {
    setFilters({ ...filters, ...next });
    setOffset(0);
    setSelected(new Set());
  };
  const sortBy = (by: LeadSort) => {
    setSort(
      sort.by === by ? { by, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { by, dir: by === 'score' ? 'desc' : 'asc' },
    );
    setOffset(0);
  };
  const run = async (action: Action, items: LeadItem[]) => {
    setBusy(true);
    const result: Outcome = { action, done: 0, refused: [] };
    for (const item of items.filter((i) => selected.has(i.id))) {
      const body = action === 'assign' ? { to: assignee } : {};
      try {
        await api(`/api/v1/accounts/${encodeURIComponent(item.id)}/${action}`, { method: 'POST', body });
        result.done++;
      } catch (error) {
        const e = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        result.refused.push({ name: item.name, code: e.code, message: e.message });
      }
    }
    setOutcome(result);
    setSelected(new Set());
    setBusy(false);
    setNonce(nonce + 1);
  };
  const header = (by: LeadSort, label: MessageKey, numeric = false) => (
    <th
      scope="col"
      class={numeric ? 'number' : undefined}
      aria-sort={sort.by === by ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" class="sort" onClick={() => sortBy(by)}>
        {t(label)}
        {sort.by === by ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <section aria-labelledby="leads-heading">
      <h1 id="leads-heading">{t('manager.leads.heading')}</h1>
      <form class="lead-filters" onSubmit={(e) => e.preventDefault()}>
        <Choice
          name="band"
          label="manager.column.band"
          value={filters.band}
          options={['hot', 'warm', 'cold'].map((v) => [v, t(`scoring.band.${v}` as MessageKey)])}
          onChange={(band) => filter({ band })}
        />
        <Choice
          name="qualification"
          label="manager.column.qualification"
          value={filters.qualification}
          options={['A', 'B', 'C'].map((v) => [v, t(`manager.qualification.${v}` as MessageKey)])}
          onChange={(qualification) => filter({ qualification })}
        />
        <Choice
          name="leadStatus"
          label="manager.column.leadStatus"
          value={filters.leadStatus}
          options={leadStatus.options.map((v) => [v, t(`manager.leadStatus.${v}` as MessageKey)])}
          onChange={(value) => filter({ leadStatus: value })}
        />
        <Choice
          name="source"
          label="manager.column.source"
          value={filters.source}
          options={leadSource.options.map((v) => [v, t(`clip.source.${v}` as MessageKey)])}
          onChange={(source) => filter({ source })}
        />
        <label>
          <input
            type="checkbox"
            name="pool"
            checked={filters.pool === '1'}
            onChange={(e) => filter({ pool: e.currentTarget.checked ? '1' : undefined })}
          />{' '}
          {t('manager.leads.poolOnly')}
        </label>
        <label>
          {t('manager.leads.search')}{' '}
          <input
            type="search"
            name="q"
            value={filters.q ?? ''}
            onChange={(e) => filter({ q: e.currentTarget.value || undefined })}
          />
        </label>
      </form>
      <Status state={state}>
        {(page) => (
          <>
            <fieldset class="bulk">
              <legend>{t('manager.leads.bulk')}</legend>
              <span>{t('manager.leads.selected', { n: selected.size })}</span>
              {manages && (
                <>
                  <label>
                    {t('manager.leads.assignTo')}{' '}
                    <select name="assignee" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
                      <option value="">{t('manager.leads.pickRep')}</option>
                      {reps.map((rep) => (
                        <option key={rep.name} value={rep.name}>
                          {rep.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    data-action="assign"
                    disabled={busy || selected.size === 0 || assignee === ''}
                    onClick={() => void run('assign', page.items)}
                  >
                    {t('manager.leads.assign')}
                  </button>
                </>
              )}
              <button
                type="button"
                data-action="release"
                disabled={busy || selected.size === 0}
                onClick={() => void run('release', page.items)}
              >
                {t('manager.leads.release')}
              </button>
              <button
                type="button"
                data-action="claim"
                disabled={busy || selected.size === 0}
                onClick={() => void run('claim', page.items)}
              >
                {t('manager.leads.claim')}
              </button>
            </fieldset>
            {outcome && (
              <div class={outcome.refused.length ? 'notice error' : 'notice'} role="status" data-testid="lead-outcome">
                <p>
                  {t('manager.leads.outcome', {
                    action: t(`manager.leads.${outcome.action}`),
                    done: outcome.done,
                    refused: outcome.refused.length,
                  })}
                </p>
                {outcome.refused.length > 0 && (
                  <ul class="plain">
                    {outcome.refused.map((r) => (
                      <li key={r.name}>
                        {t('manager.leads.refusedItem', {
                          name: r.name,
                          reason: REFUSALS.includes(r.code)
                            ? `${t(`manager.refusal.${r.code}` as MessageKey)} (${r.message})`
                            : r.message,
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            {page.total === 0 ? (
              <p class="muted">{t('manager.leads.none')}</p>
            ) : (
              <>
                <table data-testid="leads">
                  <thead>
                    <tr>
                      <th scope="col">
                        <input
                          type="checkbox"
                          aria-label={t('manager.leads.selectAll')}
                          checked={page.items.length > 0 && page.items.every((i) => selected.has(i.id))}
                          onChange={(e) =>
                            setSelected(e.currentTarget.checked ? new Set(page.items.map((i) => i.id)) : new Set())
                          }
                        />
                      </th>
                      {header('name', 'manager.column.account')}
                      {header('score', 'manager.column.score', true)}
                      <th scope="col">{t('manager.column.band')}</th>
                      {header('qualification', 'manager.column.qualification')}
                      {header('leadStatus', 'manager.column.leadStatus')}
                      {header('owner', 'manager.column.owner')}
                      {header('source', 'manager.column.source')}
                      <th scope="col">{t('manager.column.why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => (
                      <LeadRow
                        key={item.id}
                        item={item}
                        checked={selected.has(item.id)}
                        open={open === item.id}
                        onCheck={(on) => {
                          const next = new Set(selected);
                          if (on) next.add(item.id);
                          else next.delete(item.id);
                          setSelected(next);
                        }}
                        onOpen={() => setOpen(open === item.id ? null : item.id)}
                        locale={locale}
                      />
                    ))}
                  </tbody>
                </table>
                <Pager offset={page.offset} limit={page.limit} total={page.total} onOffset={setOffset} />
              </>
            )}
          </>
        )}
      </Status>
    </section>
  );
}

function Choice(props: {
  name: string;
  label: MessageKey;
  value: string | undefined;
  options: [string, string][];
  onChange: (value: string | undefined) => void;
}) {
  const { t } = useWords();
  return (
    <label>
      {t(props.label)}{' '}
      <select
        name={props.name}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.currentTarget.value || undefined)}
      >
        <option value="">{t('manager.filter.any')}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function LeadRow(props: {
  item: LeadItem;
  checked: boolean;
  open: boolean;
  onCheck: (on: boolean) => void;
  onOpen: () => void;
  locale: ReturnType<typeof useWords>['locale'];
}) {
  const { t } = useWords();
  const { item } = props;
  return (
    <>
      <tr data-testid="lead-row" data-id={item.id}>
        <td>
          <input
            type="checkbox"
            aria-label={t('manager.leads.select', { name: item.name })}
            checked={props.checked}
            onChange={(e) => props.onCheck(e.currentTarget.checked)}
          />
        </td>
        <th scope="row">
          <AccountLink id={item.id} name={item.name} />
        </th>
        <td class="number">{item.score ?? '—'}</td>
        <td>{item.band ? <span class={`band ${item.band}`}>{t(`scoring.band.${item.band}`)}</span> : '—'}</td>
        <td>{item.qualification ? t(`manager.qualification.${item.qualification}`) : '—'}</td>
        <td>{item.leadStatus ? t(`manager.leadStatus.${item.leadStatus}` as MessageKey) : '—'}</td>
        <td>
          {item.owner ?? t('manager.leads.pool')}
          {item.lockedOwner ? ` · ${t('manager.leads.locked')}` : ''}
        </td>
        <td>{item.source ? t(`clip.source.${item.source}` as MessageKey) : '—'}</td>
        <td>
          <button type="button" class="secondary" aria-expanded={props.open} onClick={props.onOpen}>
            {t(props.open ? 'manager.leads.hideWhy' : 'manager.leads.showWhy')}
          </button>
        </td>
      </tr>
      {props.open && (
        <tr class="explain">
          <td colSpan={9}>
            <Explanation id={item.id} locale={props.locale} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The score's explanation lines of one lead, in the page's language (shared/scoring/explain.ts). */
function Explanation(props: { id: string; locale: ReturnType<typeof useWords>['locale'] }) {
  const state = useApi<{ grades: { score: { lines: ScoreLine[] } } | null }>(
    `/api/v1/accounts/${encodeURIComponent(props.id)}`,
  );
  const { t } = useWords();
  return (
    <Status state={state}>
      {(card) =>
        card.grades ? (
          <ul class="plain" data-testid="lead-explanation">
            {card.grades.score.lines.map((line) => (
              <li key={`${line.rule}-${line.field}`}>{explainLine(line, props.locale)}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('manager.none')}</p>
        )
      }
    </Status>
  );
}
