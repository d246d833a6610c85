import { useEffect, useState } from 'preact/hooks';
import type { Profile } from '../App';
import { ApiError, api } from '../api';
import { useWords } from '../i18n';
import { fieldName, parseInput, type RulePath, setAt } from '../rule-form';
import { Status } from '../Status';
import { useApi } from '../use-api';

type RuleDocument = { version: number; createdAt: string; createdBy: string; rules: Record<string, unknown> };
type History = { version: number; createdAt: string; createdBy: string }[];
type Progress = { version: number; done: number; total: number; running: boolean };
type FieldError = { field: string | null; message: string };

/**
 * The rules editor (admin, DESIGN §4): the rule document in force as a form, one section per rule; saving makes
 * a new version (the server validates it and names the rule and field of an error), then shows the re-score's
 * progress. The version history shows what each version changed. Other roles cannot open it (nor may the API).
 */
export function Rules(props: { user: Profile }) {
  const { t } = useWords();
  if (props.user.role !== 'admin')
    return (
      <section aria-labelledby="rules-heading">
        <h1 id="rules-heading">{t('manager.rules.heading')}</h1>
        <p role="alert">{t('manager.rules.adminOnly')}</p>
      </section>
    );
  return <RulesEditor />;
}

function RulesEditor() {
  const { t, date } = useWords();
  const [reload, setReload] = useState(0);
  const state = useApi<{ current: RuleDocument; history: History }>('/api/v1/rules', reload);
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    if (state.data) setDraft(state.data.current.rules);
  }, [state.data]);
  useEffect(() => {
    if (!progress?.running) return;
    const timer = setTimeout(() => {
      api<Progress>('/api/v1/rules/rescore').then(setProgress, () => setProgress(null));
    }, 300);
    return () => clearTimeout(timer);
  }, [progress]);

  const save = async (event: Event, basedOn: number) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const body = await api<{ document: RuleDocument; rescore: Progress }>('/api/v1/rules', {
        method: 'PUT',
        body: { rules: draft, basedOn },
      });
      setSaved(body.document.version);
      setProgress(body.rescore);
      setReload((n) => n + 1);
    } catch (failure) {
      const e = failure as ApiError;
      setError({ field: e instanceof ApiError ? (e.field ?? null) : null, message: e.message });
    }
  };

  return (
    <section aria-labelledby="rules-heading">
      <h1 id="rules-heading">{t('manager.rules.heading')}</h1>
      <Status state={state}>
        {({ current, history }) => (
          <>
            <p class="muted">
              {t('manager.rules.version', {
                version: current.version,
                date: date(current.createdAt),
                by: current.createdBy,
              })}
            </p>
            {saved !== null && (
              <p class="notice" role="status">
                {t('manager.rules.saved', { version: saved })}
              </p>
            )}
            {progress && (
              <div class="rescore" data-testid="rescore">
                <label>
                  {progress.running
                    ? t('manager.rules.rescore', {
                        version: progress.version,
                        done: progress.done,
                        total: progress.total,
                      })
                    : t('manager.rules.rescoreDone', { total: progress.total, version: progress.version })}
                  <progress
                    max={Math.max(1, progress.total)}
                    value={progress.running ? progress.done : progress.total}
                  />
                </label>
              </div>
            )}
            {error && (
              <p class="error" role="alert" data-testid="rules-error">
                {t('manager.rules.invalid', { message: error.message })}
              </p>
            )}
            {draft && (
              <form class="rules" onSubmit={(event) => void save(event, current.version)}>
                {Object.entries(draft).map(([key, value]) => (
                  <Editor key={key} name={key} value={value} path={[key]} error={error} onChange={setDraft} />
                ))}
                <button type="submit">{t('manager.rules.save')}</button>
              </form>
            )}
            <RuleHistory history={history} />
          </>
        )}
      </Status>
    </section>
  );
}

/** One value of the rule document as form controls: numbers, words, switches, lists, and nested rules. */
function Editor(props: {
  name: string;
  value: unknown;
  path: RulePath;
  error: FieldError | null;
  onChange: (update: (draft: Record<string, unknown> | null) => Record<string, unknown> | null) => void;
}) {
  const { t } = useWords();
  const { name, value, path, error } = props;
  const field = fieldName(path);
  const invalid = error?.field === field;
  const set = (next: unknown) =>
    props.onChange((draft) => (draft ? (setAt(draft, path, next) as Record<string, unknown>) : draft));
  const message = invalid ? (
    <span class="error" role="alert">
      {error?.message}
    </span>
  ) : null;
  if (typeof value === 'boolean')
    return (
      <label class="rule-field">
        <input type="checkbox" checked={value} data-field={field} onChange={(e) => set(e.currentTarget.checked)} />{' '}
        {name}
        {message}
      </label>
    );
  if (typeof value === 'number')
    return (
      <label class="rule-field">
        {name}
        <input
          type="number"
          step="any"
          value={Number.isNaN(value) ? '' : String(value)}
          data-field={field}
          aria-invalid={invalid}
          class={invalid ? 'invalid' : undefined}
          onInput={(e) => set(parseInput('number', e.currentTarget.value))}
        />
        {message}
      </label>
    );
  if (typeof value === 'string')
    return (
      <label class="rule-field">
        {name}
        <input
          type="text"
          value={value}
          data-field={field}
          aria-invalid={invalid}
          class={invalid ? 'invalid' : undefined}
          onInput={(e) => set(e.currentTarget.value)}
        />
        {message}
      </label>
    );
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    const numbers = value.length > 0 && value.every((item) => typeof item === 'number');
    return (
      <label class="rule-field">
        {name} ({t('manager.rules.listHint')})
        <input
          type="text"
          value={value.join(', ')}
          data-field={field}
          aria-invalid={invalid}
          class={invalid ? 'invalid' : undefined}
          onChange={(e) => {
            const words = parseInput('list', e.currentTarget.value) as string[];
            set(numbers ? words.map((word) => parseInput('number', word)) : words);
          }}
        />
        {message}
      </label>
    );
  }
  const entries: [string, unknown, string | number][] = Array.isArray(value)
    ? value.map((item, i) => [t('manager.rules.item', { name, n: i + 1 }), item, i])
    : Object.entries((value ?? {}) as Record<string, unknown>).map(([key, item]) => [key, item, key]);
  return (
    <fieldset class={path.length === 1 ? 'rule' : 'rule-group'} data-rule={field}>
      <legend>{name}</legend>
      {message}
      {entries.map(([label, item, key]) => (
        <Editor
          key={String(key)}
          name={label}
          value={item}
          path={[...path, key]}
          error={error}
          onChange={props.onChange}
        />
      ))}
    </fieldset>
  );
}

function RuleHistory(props: { history: History }) {
  const { t, date } = useWords();
  const [shown, setShown] = useState<number | null>(null);
  const diff = useApi<{ changes: { path: string; from: unknown; to: unknown }[] }>(
    shown === null ? '/api/v1/rules/1' : `/api/v1/rules/${shown - 1}/diff/${shown}`,
  );
  const text = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('manager.rules.history')}</h2>
      <ul class="plain" data-testid="rule-history">
        {props.history.map((entry) => (
          <li key={entry.version}>
            {t('manager.rules.version', { version: entry.version, date: date(entry.createdAt), by: entry.createdBy })}{' '}
            {entry.version > 1 && (
              <button type="button" class="secondary" onClick={() => setShown(entry.version)}>
                {t('manager.rules.showDiff')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {shown !== null && (
        <Status state={diff}>
          {(answer) => (
            <>
              <h3>{t('manager.rules.diff', { from: shown - 1, to: shown })}</h3>
              {(answer.changes ?? []).length === 0 ? (
                <p class="muted">{t('manager.rules.noChanges')}</p>
              ) : (
                <table data-testid="rule-diff">
                  <tbody>
                    {answer.changes.map((change) => (
                      <tr key={change.path}>
                        <th scope="row">{change.path}</th>
                        <td>{text(change.from)}</td>
                        <td>{text(change.to)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </Status>
      )}
    </section>
  );
}
