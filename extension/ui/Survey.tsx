import { useState } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../shared/i18n';
import type { SurveyFields } from '../../shared/schema/entities';
import { recordSurvey } from '../store/card-records';
import type { LeadcardDb, StoredRecord } from '../store/db';
import { InvalidChangeError } from '../store/local-change';
import type { StoreEnv } from '../store/meta';

const REPEAT = ['high', 'medium', 'low'] as const;
const REFERRAL = ['likely', 'maybe', 'unlikely'] as const;

/** A loyalty survey: satisfaction 1–5, repeat-purchase probability, referral likelihood (DESIGN §3). */
export function Survey({
  db,
  env,
  accountId,
  surveys,
  locale,
  onSaved,
}: {
  db: LeadcardDb;
  env: StoreEnv;
  accountId: string;
  surveys: readonly StoredRecord[];
  locale: Locale;
  onSaved: () => void;
}) {
  const [satisfaction, setSatisfaction] = useState(4);
  const [repeat, setRepeat] = useState<SurveyFields['repeatPurchase']>('medium');
  const [referral, setReferral] = useState<SurveyFields['referral']>('maybe');
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    try {
      await recordSurvey(db, env, {
        accountId,
        at: new Date(env.now()).toISOString(),
        satisfaction,
        repeatPurchase: repeat,
        referral,
      });
      setMessage(t(locale, 'extension2.survey.saved'));
      onSaved();
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage(t(locale, 'extension.error.invalid', { reason: error.message }));
    }
  }

  return (
    <section class="surveys">
      <ul data-testid="surveys">
        {surveys.map((s) => (
          <li key={s.id}>
            {t(locale, 'extension2.survey.item', {
              satisfaction: String(s.fields.satisfaction ?? ''),
              repeat: t(locale, `extension2.survey.repeat.${String(s.fields.repeatPurchase)}` as MessageKey),
              referral: t(locale, `extension2.survey.referral.${String(s.fields.referral)}` as MessageKey),
            })}
          </li>
        ))}
      </ul>
      <form onSubmit={save} data-testid="survey-form">
        <h3>{t(locale, 'extension2.survey.title')}</h3>
        <label>
          {t(locale, 'extension2.survey.satisfaction')}
          <select
            name="satisfaction"
            value={String(satisfaction)}
            onChange={(e) => setSatisfaction(Number(e.currentTarget.value))}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, 'extension2.survey.repeat')}
          <select name="repeat" value={repeat} onChange={(e) => setRepeat(e.currentTarget.value as typeof repeat)}>
            {REPEAT.map((r) => (
              <option key={r} value={r}>
                {t(locale, `extension2.survey.repeat.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, 'extension2.survey.referral')}
          <select
            name="referral"
            value={referral}
            onChange={(e) => setReferral(e.currentTarget.value as typeof referral)}
          >
            {REFERRAL.map((r) => (
              <option key={r} value={r}>
                {t(locale, `extension2.survey.referral.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t(locale, 'extension2.survey.save')}</button>
        {message ? (
          <p class="hint" role="status">
            {message}
          </p>
        ) : null}
      </form>
    </section>
  );
}
