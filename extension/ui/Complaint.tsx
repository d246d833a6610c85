import { useState } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../shared/i18n';
import { type ComplaintFields, complaintCategory } from '../../shared/schema/entities';
import { recordComplaint } from '../store/card-records';
import type { LeadcardDb, StoredRecord } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { ChoiceSelect, SaveForm } from './SaveForm';

type Category = ComplaintFields['category'];

/** The card's complaints (投诉) and a form to record one: category, channel, what the customer said. */
export function Complaint({
  db,
  env,
  accountId,
  complaints,
  locale,
  onSaved,
}: {
  db: LeadcardDb;
  env: StoreEnv;
  accountId: string;
  complaints: readonly StoredRecord[];
  locale: Locale;
  onSaved: () => void;
}) {
  const [category, setCategory] = useState<Category>('product-quality');
  const [channel, setChannel] = useState('');
  const [summary, setSummary] = useState('');

  async function write() {
    await recordComplaint(db, env, {
      accountId,
      at: new Date(env.now()).toISOString(),
      category,
      channel: channel.trim(),
      summary: summary.trim(),
    });
    setChannel('');
    setSummary('');
  }

  return (
    <section class="complaints">
      {complaints.length > 0 ? (
        <>
          <h3>{t(locale, 'extension2.complaint.list')}</h3>
          <ul data-testid="complaints">
            {complaints.map((c) => (
              <li key={c.id}>
                {t(locale, 'extension2.complaint.item', {
                  category: t(locale, `extension2.complaint.category.${String(c.fields.category)}` as MessageKey),
                  channel: String(c.fields.channel ?? ''),
                  step:
                    c.fields.step === 'recorded'
                      ? t(locale, 'extension2.complaint.step.recorded')
                      : String(c.fields.step),
                })}
                <br />
                <span class="meta">{String(c.fields.summary ?? '')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <SaveForm
        locale={locale}
        testId="complaint-form"
        title={t(locale, 'extension2.complaint.title')}
        submitLabel={t(locale, 'extension2.complaint.save')}
        savedMessage="extension2.complaint.saved"
        write={write}
        onSaved={onSaved}
      >
        <ChoiceSelect
          label={t(locale, 'extension2.complaint.category')}
          name="category"
          value={category}
          options={complaintCategory.options}
          optionLabel={(c) => t(locale, `extension2.complaint.category.${c}`)}
          onChange={setCategory}
        />
        <label>
          {t(locale, 'extension2.complaint.channel')}
          <input name="channel" value={channel} onInput={(e) => setChannel(e.currentTarget.value)} />
        </label>
        <label>
          {t(locale, 'extension2.complaint.summary')}
          <textarea
            name="summary"
            rows={2}
            required
            value={summary}
            onInput={(e) => setSummary(e.currentTarget.value)}
          />
        </label>
      </SaveForm>
    </section>
  );
}
