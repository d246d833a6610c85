import type { MessageKey } from '../../../shared/i18n';
import type { ExplanationLine } from '../../../shared/scoring/explain';
import type { Translate } from './i18n';

/** An explanation line in the page's language, from its key and params; its English text if the key is unknown. */
export function explainLine(line: Pick<ExplanationLine, 'key' | 'params' | 'text'>, t: Translate): string {
  const text = t(line.key as MessageKey, line.params);
  return text === line.key ? line.text : text;
}
