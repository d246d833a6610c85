import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { ActivityFields } from '../../shared/schema/entities';
import type { LeadcardDb } from '../store/db';
import { InvalidChangeError, saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';
import { newActivityFields } from '../store/new-records';
import { isoFromLocalInput, localInputValue } from './format';

const kinds = ['visit', 'call', 'note', 'task'] as const;

/** Log a call, a visit (面访: when, what happened, the next meeting's time, place and purpose), a note or a task. */
export function LogForm({
  db,
  env,
  accountId,
  by,
  locale,
  onSaved,
}: {
  db: LeadcardDb;
  env: StoreEnv;
  accountId: string;
  by: string;
  locale: Locale;
  onSaved: () => void;
}) {
  const [type, setType] = useState<(typeof kinds)[number]>('visit');
  const [at, setAt] = useState(() => localInputValue(env.now()));
  const [summary, setSummary] = useState('');
  const [nextAt, setNextAt] = useState('');
  const [place, setPlace] = useState('');
  const [purpose, setPurpose] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    const when = isoFromLocalInput(at) ?? new Date(env.now()).toISOString();
    const nextIso = isoFromLocalInput(nextAt);
    const next: ActivityFields['next'] = nextIso
      ? {
          at: nextIso,
          ...(place.trim() ? { place: place.trim() } : {}),
          ...(purpose.trim() ? { purpose: purpose.trim() } : {}),
        }
      : null;
    try {
      await saveLocal(
        db,
        env,
        'activity',
        null,
        newActivityFields({ accountId, type, at: when, by, summary: summary.trim(), next }),
      );
      setSummary('');
      setNextAt('');
      setPlace('');
      setPurpose('');
      setMessage(t(locale, 'extension.log.saved'));
      onSaved();
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage(t(locale, 'extension.error.invalid', { reason: error.message }));
    }
  }

  return (
    <form class="log" onSubmit={save} data-testid="log-form">
      <h3>{t(locale, 'extension.log.title')}</h3>
      <div class="kinds" role="radiogroup" aria-label={t(locale, 'extension.log.type')}>
        {kinds.map((kind) => (
          <label key={kind}>
            <input type="radio" name="kind" value={kind} checked={type === kind} onChange={() => setType(kind)} />
            {t(locale, `extension.activity.${kind}`)}
          </label>
        ))}
      </div>
      <label>
        {t(locale, 'extension.log.at')}
        <input type="datetime-local" name="at" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
      </label>
      <label>
        {t(locale, 'extension.log.summary')}
        <textarea name="summary" rows={2} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      </label>
      <fieldset>
        <label>
          {t(locale, 'extension.log.nextAt')}
          <input type="datetime-local" name="nextAt" value={nextAt} onInput={(e) => setNextAt(e.currentTarget.value)} />
        </label>
        <label>
          {t(locale, 'extension.log.nextPlace')}
          <input name="nextPlace" value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
        </label>
        <label>
          {t(locale, 'extension.log.nextPurpose')}
          <input name="nextPurpose" value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
        </label>
      </fieldset>
      <button type="submit">{t(locale, 'extension.log.save')}</button>
      {message ? (
        <p class="hint" role="status">
          {message}
        </p>
      ) : null}
    </form>
  );
}
