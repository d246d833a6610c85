import { type Locale, type MessageKey, t } from '../../shared/i18n';
import { InvalidChangeError } from '../store/local-change';

/** What a popup form shows after trying to save: whether the record was written, and the line to say so. */
export type SaveOutcome = { saved: boolean; message: string };

/**
 * The store's refusal of a write (a field the schema rejects) as the rep reads it: `Not saved: field: reason`.
 * Any other error is a bug, not a refusal: it is thrown again.
 */
export function refusalMessage(locale: Locale, error: unknown): string {
  if (!(error instanceof InvalidChangeError)) throw error;
  return t(locale, 'extension.error.invalid', { reason: error.message });
}

/** Runs one form's local write (card, complaint, survey…) and words the outcome: `saved`, or the refusal. */
export async function localSave(
  locale: Locale,
  write: () => Promise<unknown>,
  saved: MessageKey,
): Promise<SaveOutcome> {
  try {
    await write();
    return { saved: true, message: t(locale, saved) };
  } catch (error) {
    return { saved: false, message: refusalMessage(locale, error) };
  }
}
