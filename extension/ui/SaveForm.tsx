import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Locale, MessageKey } from '../../shared/i18n';
import { localSave } from './local-save';

/**
 * A popup form that writes one record locally: the submit button, then the outcome line (saved, or why the store
 * refused). `write` runs on submit; `onSaved` follows a successful write (the card reloads its lists).
 */
export function SaveForm(props: {
  locale: Locale;
  testId: string;
  title: string;
  submitLabel: string;
  savedMessage: MessageKey;
  write: () => Promise<unknown>;
  onSaved: () => void;
  children: ComponentChildren;
}) {
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const outcome = await localSave(props.locale, props.write, props.savedMessage);
    setMessage(outcome.message);
    if (outcome.saved) props.onSaved();
  }

  return (
    <form onSubmit={submit} data-testid={props.testId}>
      <h3>{props.title}</h3>
      {props.children}
      <button type="submit">{props.submitLabel}</button>
      <SaveStatus message={message} />
    </form>
  );
}

/** The outcome of a form's last save (saved, or why not), announced to screen readers; nothing before the first. */
export function SaveStatus(props: { message: string | null }) {
  if (props.message === null) return null;
  return (
    <p class="hint" role="status">
      {props.message}
    </p>
  );
}

/** A labelled `<select>` over a fixed list of values, each shown in the rep's language. */
export function ChoiceSelect<V extends string>(props: {
  label: string;
  name: string;
  value: V;
  options: readonly V[];
  optionLabel: (value: V) => string;
  onChange: (value: V) => void;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as V)}>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
