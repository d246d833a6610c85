import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { LeadcardDb, StoredRecord } from '../store/db';
import { InvalidChangeError, saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';

const textFields = [
  ['name', 'extension.new.name'],
  ['region', 'extension.edit.region'],
  ['industry', 'extension.edit.industry'],
  ['address', 'extension.edit.address'],
] as const;
const statuses = ['lead', 'customer', 'lost'] as const;

/** What the edit form changed, as a partial update: only fields whose value differs (an emptied one is null). */
export function changedFields(
  current: Record<string, unknown>,
  edited: Record<string, string>,
): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [field, raw] of Object.entries(edited)) {
    const value = raw.trim();
    const next = value === '' && field !== 'name' ? null : value;
    if ((current[field] ?? null) !== next) patch[field] = next;
  }
  return patch;
}

/** Edit the card's basic data; each save is one local change, queued for sync (works offline). */
export function EditCardForm({
  db,
  env,
  account,
  locale,
  onSaved,
}: {
  db: LeadcardDb;
  env: StoreEnv;
  account: StoredRecord;
  locale: Locale;
  onSaved: () => void;
}) {
  const initial = () =>
    Object.fromEntries(
      [...textFields.map(([f]) => f), 'status'].map((f) => [f, String(account.fields[f] ?? '')]),
    ) as Record<string, string>;
  const [edited, setEdited] = useState<Record<string, string>>(initial);
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    const patch = changedFields(account.fields, edited);
    if (Object.keys(patch).length === 0) return;
    try {
      await saveLocal(db, env, 'account', account.id, patch);
      setMessage(t(locale, 'extension.edit.saved'));
      onSaved();
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage(t(locale, 'extension.error.invalid', { reason: error.message }));
    }
  }

  return (
    <details class="edit">
      <summary data-testid="edit-card">{t(locale, 'extension.edit.title')}</summary>
      <form onSubmit={save} data-testid="edit-form">
        {textFields.map(([field, label]) => (
          <label key={field}>
            {t(locale, label)}
            <input
              name={field}
              value={edited[field]}
              onInput={(e) => setEdited({ ...edited, [field]: e.currentTarget.value })}
            />
          </label>
        ))}
        <label>
          {t(locale, 'extension.edit.status')}
          <select
            name="status"
            value={edited.status}
            onChange={(e) => setEdited({ ...edited, status: e.currentTarget.value })}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(locale, `extension.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t(locale, 'extension.edit.save')}</button>
        {message ? (
          <p class="hint" role="status">
            {message}
          </p>
        ) : null}
      </form>
    </details>
  );
}
