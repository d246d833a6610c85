import { type Locale, pickLocale } from '../../../shared/i18n';

const KEY = 'leadcard.locale';

/** The remembered choice, else the browser's language (DESIGN: the browser's language picks the default). */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> = globalThis.localStorage,
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  const saved = storage.getItem(KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return pickLocale(languages[0]);
}

export function rememberLocale(locale: Locale, storage: Pick<Storage, 'setItem'> = globalThis.localStorage): void {
  storage.setItem(KEY, locale);
}
