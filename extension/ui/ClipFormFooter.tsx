import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Locale } from '../../shared/i18n';
import { refusalMessage } from './local-save';

/**
 * The saving state of a clip preview (page or mail): `run(work)` marks it busy, clears the last errors and turns
 * the store's refusal into an error line; `setErrors` is for problems found before saving (no name, a bad phone).
 */
export function useClipSaving(locale: Locale) {
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  async function run(work: () => Promise<void>) {
    setBusy(true);
    setErrors([]);
    try {
      await work();
    } catch (error) {
      setErrors([refusalMessage(locale, error)]);
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, busy, run };
}

/**
 * The end of a clip preview: why it was not saved, what was saved (`children`), then Save (“Saving…” while busy)
 * and, where the preview can be put away, Close.
 */
export function ClipFormFooter(props: {
  errors: readonly string[];
  busy: boolean;
  saveLabel: string;
  savingLabel: string;
  saveTestId?: string;
  close?: { label: string; onClose: () => void } | undefined;
  children?: ComponentChildren;
}) {
  return (
    <>
      {props.errors.map((error) => (
        <p class="error" key={error} role="alert">
          {error}
        </p>
      ))}
      {props.children}
      <div class="actions">
        <button type="submit" disabled={props.busy} data-testid={props.saveTestId}>
          {props.busy ? props.savingLabel : props.saveLabel}
        </button>
        {props.close ? (
          <button type="button" onClick={props.close.onClose}>
            {props.close.label}
          </button>
        ) : null}
      </div>
    </>
  );
}
