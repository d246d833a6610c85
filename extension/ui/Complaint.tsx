import { useState } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../shared/i18n';
import { type ComplaintFields, complaintCategory } from '../../shared/schema/entities';
import { recordComplaint } from '../store/card-records';
import type { LeadcardDb, StoredRecord } from '../store/db';
import { InvalidChangeError } from '../store/local-change';
import type { StoreEnv } from '../store/meta';

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
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    try {
      await recordComplaint(db, env, {
        accountId,
        at: new Date(env.now()).toISOString(),
        category,
        channel: channel.trim(),
        summary: summary.trim(),
      });
      setChannel('');
      setSummary('');
      setMessage(t(locale, 'extension2.complaint.saved'));
      onSaved();
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage(t(locale, 'extension.error.invalid', { reason: error.message }));
    }
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
      <form onSubmit={save} data-testid="complaint-form">
        <h3>{t(locale, 'extension2.complaint.title')}</h3>
        <label>
          {t(locale, 'extension2.complaint.category')}
          <select name="category" value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
            {complaintCategory.options.map((c) => (
              <option key={c} value={c}>
                {t(locale, `extension2.complaint.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
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
        <button type="submit">{t(locale, 'extension2.complaint.save')}</button>
        {message ? (
          <p class="hint" role="status">
            {message}
          </p>
        ) : null}
      </form>
    </section>
  );
}
