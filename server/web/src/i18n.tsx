import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { catalogFor, type Locale, type MessageKey, t } from '../../../shared/i18n';
import { formatCompactMoney, formatDate, formatMoney } from '../../../shared/i18n/format';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What every view needs of the language: the locale, messages and the formats of money and dates. */
export type Words = {
  locale: Locale;
  t: Translate;
  money: (amount: number, currency?: string) => string;
  compact: (amount: number) => string;
  date: (iso: string) => string;
};

export function wordsFor(locale: Locale): Words {
  const catalog = catalogFor(locale);
  return {
    locale,
    // A key from data (a reason, a gate, a step a newer server sends) may be unknown here: show it as it is.
    t: (key, params) => (key in catalog ? t(locale, key, params) : key),
    money: (amount, currency = 'CNY') => formatMoney(locale, amount, currency),
    compact: (amount) => formatCompactMoney(locale, amount),
    date: (iso) => formatDate(locale, iso),
  };
}

export const WordsContext = createContext<Words>(wordsFor('en'));

export function useWords(): Words {
  return useContext(WordsContext);
}
