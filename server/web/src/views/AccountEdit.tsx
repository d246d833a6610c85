import { useState } from 'preact/hooks';
import type { MessageKey } from '../../../../shared/i18n';
import { ApiError, api } from '../api';
import { useWords } from '../i18n';

type Fields = Record<string, unknown>;
type Role = 'rep' | 'manager' | 'admin';

const KINDS = ['individual', 'business', 'organisation'] as const;
const CATEGORIES = ['customer', 'trader', 'supplier'] as const;
const STATUSES = ['lead', 'customer', 'lost'] as const;
const MATCHES = ['high', 'medium', 'low', 'none'] as const;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? String(value) : '');
const group = (value: unknown) => (value && typeof value === 'object' ? (value as Fields) : {});
/** An empty input clears a nullable text field. */
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
/** An empty number input leaves the field out (the schema's money is optional, not nullable). */
const money = (value: string) => (value.trim() === '' ? undefined : Number(value));
/** A date input's day as the schema's ISO date-time (midnight UTC), or out when empty. */
const day = (value: string) => (value === '' ? undefined : `${value}T00:00:00.000Z`);

/**
 * The account page's edit form (`PATCH /api/v1/accounts/:id`): basic data, the 甲/乙/丙 inputs, the contract and,
 * for a manager or admin, the strategic mark. The server validates, merges and re-grades; `onSaved` reloads the card.
 */
export function AccountEdit(props: { id: string; version: number; fields: Fields; role: Role; onSaved: () => void }) {
  const { t } = useWords();
  const f = props.fields;
  const needs = group(f.needs);
  const contract = group(f.contract);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const get = (name: string) => String(form.get(name) ?? '');
    const aware = get('aware');
    const body: Fields = {
      name: get('name').trim(),
      kind: get('kind'),
      category: get('category'),
      status: get('status'),
      industry: orNull(get('industry')),
      region: orNull(get('region')),
      address: orNull(get('address')),
      website: orNull(get('website')),
      tags: get('tags')
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
      needs: {
        aware: aware === '' ? undefined : aware === 'yes',
        match: get('match') || undefined,
        budgetTotal: money(get('budgetTotal')),
        budgetMatching: money(get('budgetMatching')),
      },
      contract: {
        start: day(get('contractStart')),
        end: day(get('contractEnd')),
        annualValue: money(get('annualValue')),
      },
    };
    if (props.role !== 'rep') body.strategic = form.get('strategic') === 'on';
    setBusy(true);
    try {
      const saved = await api<{ version: number }>(`/api/v1/accounts/${encodeURIComponent(props.id)}`, {
        method: 'PATCH',
        body,
      });
      setMessage({ ok: true, text: t('manager.edit.saved', { version: saved.version }) });
      props.onSaved();
    } catch (error) {
      const field = error instanceof ApiError && error.field ? error.field : '—';
      setMessage({ ok: false, text: t('manager.edit.failed', { field, reason: (error as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: MessageKey, value: string, type: 'text' | 'number' | 'date' = 'text') => (
    <label>
      {t(label)}
      {/* preact's input typing is a union per type; each of these takes a string value */}
      <input name={name} type={type as 'text'} defaultValue={value} />
    </label>
  );
  const choice = (name: string, label: MessageKey, value: string, options: [string, MessageKey][]) => (
    <label>
      {t(label)}
      <select name={name}>
        {options.map(([option, key]) => (
          <option key={option} value={option} selected={option === value}>
            {t(key)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <details class="edit" data-testid="account-edit">
      <summary>{t('manager.edit.heading')}</summary>
      {/* A new version remounts the form, so its inputs start from the saved values. */}
      <form key={props.version} onSubmit={submit}>
        <fieldset>
          <legend>{t('manager.account.basic')}</legend>
          {text('name', 'manager.edit.name', str(f.name))}
          {choice(
            'kind',
            'manager.field.kind',
            str(f.kind),
            KINDS.map((k) => [k, `manager.kind.${k}`]),
          )}
          {choice(
            'category',
            'manager.field.category',
            str(f.category),
            CATEGORIES.map((c) => [c, `manager.category.${c}`]),
          )}
          {choice(
            'status',
            'manager.field.status',
            str(f.status),
            STATUSES.map((s) => [s, `extension.status.${s}`]),
          )}
          {text('industry', 'manager.field.industry', str(f.industry))}
          {text('region', 'manager.field.region', str(f.region))}
          {text('address', 'manager.field.address', str(f.address))}
          {text('website', 'manager.field.website', str(f.website))}
          {text('tags', 'manager.edit.tags', Array.isArray(f.tags) ? f.tags.map(String).join(', ') : '')}
        </fieldset>
        <fieldset>
          <legend>{t('manager.edit.needs')}</legend>
          {choice('aware', 'manager.edit.aware', needs.aware === undefined ? '' : needs.aware ? 'yes' : 'no', [
            ['', 'manager.edit.unknown'],
            ['yes', 'manager.yes'],
            ['no', 'manager.no'],
          ])}
          {choice('match', 'manager.edit.match', str(needs.match), [
            ['', 'manager.edit.unknown'],
            ...MATCHES.map((m): [string, MessageKey] => [m, `manager.match.${m}`]),
          ])}
          {text('budgetTotal', 'manager.edit.budgetTotal', num(needs.budgetTotal), 'number')}
          {text('budgetMatching', 'manager.edit.budgetMatching', num(needs.budgetMatching), 'number')}
        </fieldset>
        <fieldset>
          <legend>{t('manager.field.contract')}</legend>
          {text('contractStart', 'manager.edit.contractStart', str(contract.start).slice(0, 10), 'date')}
          {text('contractEnd', 'manager.edit.contractEnd', str(contract.end).slice(0, 10), 'date')}
          {text('annualValue', 'manager.edit.annualValue', num(contract.annualValue), 'number')}
          {props.role !== 'rep' && (
            <label>
              <input name="strategic" type="checkbox" defaultChecked={f.strategic === true} />
              {t('manager.field.strategic')}
            </label>
          )}
        </fieldset>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('manager.edit.saving') : t('manager.edit.save')}
        </button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'ok' : 'error'} data-testid="edit-result">
          {message.text}
        </p>
      )}
    </details>
  );
}
