import { useState } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../shared/i18n';
import type { SurveyFields } from '../../shared/schema/entities';
import { recordSurvey } from '../store/card-records';
import type { LeadcardDb, StoredRecord } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { ChoiceSelect, SaveForm } from './SaveForm';

const REPEAT = ['high', 'medium', 'low'] as const;
const REFERRAL = ['likely', 'maybe', 'unlikely'] as const;
const SATISFACTION = ['1', '2', '3', '4', '5'] as const;

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
  const [satisfaction, setSatisfaction] = useState<(typeof SATISFACTION)[number]>('4');
  const [repeat, setRepeat] = useState<SurveyFields['repeatPurchase']>('medium');
  const [referral, setReferral] = useState<SurveyFields['referral']>('maybe');

  const write = () =>
    recordSurvey(db, env, {
      accountId,
      at: new Date(env.now()).toISOString(),
      satisfaction: Number(satisfaction),
      repeatPurchase: repeat,
      referral,
    });

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
      <SaveForm
        locale={locale}
        testId="survey-form"
        title={t(locale, 'extension2.survey.title')}
        submitLabel={t(locale, 'extension2.survey.save')}
        savedMessage="extension2.survey.saved"
        write={write}
        onSaved={onSaved}
      >
        <ChoiceSelect
          label={t(locale, 'extension2.survey.satisfaction')}
          name="satisfaction"
          value={satisfaction}
          options={SATISFACTION}
          optionLabel={(n) => n}
          onChange={setSatisfaction}
        />
        <ChoiceSelect
          label={t(locale, 'extension2.survey.repeat')}
          name="repeat"
          value={repeat}
          options={REPEAT}
          optionLabel={(r) => t(locale, `extension2.survey.repeat.${r}`)}
          onChange={setRepeat}
        />
        <ChoiceSelect
          label={t(locale, 'extension2.survey.referral')}
          name="referral"
          value={referral}
          options={REFERRAL}
          optionLabel={(r) => t(locale, `extension2.survey.referral.${r}`)}
          onChange={setReferral}
        />
      </SaveForm>
    </section>
  );
}
