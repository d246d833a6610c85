import type { Catalog, MessageKey } from './catalog';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

export type { Catalog, MessageKey } from './catalog';
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const catalogs: Record<Locale, Catalog> = { en, 'zh-CN': zhCN };

/** Picks the supported locale for a BCP 47 tag: any `zh*` → zh-CN, everything else → en. */
export function pickLocale(tag: string | undefined | null): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Translates `key`, replacing `{name}` placeholders with `params`. `t('en', 'app.name')` → "Leadcard". */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}
