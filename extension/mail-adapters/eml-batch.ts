import { type Locale, t } from '../../shared/i18n';
import { MailError } from '../capture/mail/mail-error';
import type { ParsedEmail } from '../capture/mail/parsed-email';
import type { MailClip } from './mail-clip-types';

/** A dropped or picked file: its name and a way to read its bytes (a `File` in the page, a buffer in a test). */
export interface EmlFile {
  name: string;
  bytes: () => Promise<Uint8Array>;
}

export type EmlResult = { file: string; clip: MailClip } | { file: string; error: string };

/**
 * Reads `.eml` files one after another into clips, calling `onProgress(done, total)` after each: a broken file
 * gives its one-line error (`mail.problem.*` in the rep's language) and the batch goes on with the next.
 */
export async function readEmlBatch(
  files: readonly EmlFile[],
  options: {
    parse: (raw: Uint8Array) => Promise<ParsedEmail>;
    locale: Locale;
    newId: () => string;
    onProgress: (done: number, total: number, result: EmlResult) => void;
  },
): Promise<EmlResult[]> {
  const results: EmlResult[] = [];
  for (const file of files) {
    let result: EmlResult;
    try {
      const parsed = await options.parse(await file.bytes());
      result = { file: file.name, clip: { id: options.newId(), site: 'eml', source: parsed.messageId, parsed } };
    } catch (error) {
      result = { file: file.name, error: problemLine(error, file.name, options.locale) };
    }
    results.push(result);
    options.onProgress(results.length, files.length, result);
  }
  return results;
}

function problemLine(error: unknown, file: string, locale: Locale): string {
  if (error instanceof MailError) return t(locale, `mail.problem.${error.problem}`, { file });
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return t(locale, 'mail.problem.unknown', { file, reason: reason.slice(0, 200) });
}
