import { useState } from 'preact/hooks';
import { type Locale, t } from '../../shared/i18n';
import type { LeadcardDb } from '../store/db';
import { InvalidChangeError, saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';
import { newContactFields } from '../store/new-records';
import { type NewCardInput, newCardFrom } from './new-card';

const fields: [keyof NewCardInput, Parameters<typeof t>[1], 'text' | 'tel' | 'email'][] = [
  ['name', 'extension.new.name', 'text'],
  ['website', 'extension.new.website', 'text'],
  ['phone', 'extension.new.phone', 'tel'],
  ['contactName', 'extension.new.contactName', 'text'],
  ['contactEmail', 'extension.new.contactEmail', 'email'],
  ['contactPhone', 'extension.new.contactPhone', 'tel'],
];

export function NewCardForm({
  db,
  env,
  locale,
  initialName,
  onCreated,
  onCancel,
}: {
  db: LeadcardDb;
  env: StoreEnv;
  locale: Locale;
  initialName: string;
  onCreated: (id: string) => void;
  onCancel: () => void;
}) {
  const [input, setInput] = useState<NewCardInput>({
    name: initialName,
    website: '',
    phone: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
  });
  const [errors, setErrors] = useState<string[]>([]);

  async function create(event: Event) {
    event.preventDefault();
    const { card, problems } = newCardFrom(input);
    if (!card) {
      setErrors(problems.map((p) => t(locale, `extension.new.${p.kind}`, { value: p.value })));
      return;
    }
    try {
      const { id } = await saveLocal(db, env, 'account', null, card.account);
      if (card.contact)
        await saveLocal(
          db,
          env,
          'contact',
          null,
          newContactFields({ accountId: id, ...card.contact, isPrimary: true }),
        );
      onCreated(id);
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setErrors([t(locale, 'extension.error.invalid', { reason: error.message })]);
    }
  }

  return (
    <form class="new-card" onSubmit={create} data-testid="new-card">
      <h2>{t(locale, 'extension.new.title')}</h2>
      {fields.map(([name, label, type]) => (
        <label key={name}>
          {t(locale, label)}
          <input
            name={name}
            inputMode={type}
            required={name === 'name'}
            value={input[name]}
            onInput={(e) => setInput({ ...input, [name]: e.currentTarget.value })}
          />
        </label>
      ))}
      {errors.map((error) => (
        <p class="error" key={error} role="alert">
          {error}
        </p>
      ))}
      <div class="actions">
        <button type="submit">{t(locale, 'extension.new.create')}</button>
        <button type="button" onClick={onCancel}>
          {t(locale, 'extension.new.cancel')}
        </button>
      </div>
    </form>
  );
}
