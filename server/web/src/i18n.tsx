import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../../shared/i18n';
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
  return {
    locale,
    t: (key, params) => t(locale, key, params),
    money: (amount, currency = 'CNY') => formatMoney(locale, amount, currency),
    compact: (amount) => formatCompactMoney(locale, amount),
    date: (iso) => formatDate(locale, iso),
  };
}

export const WordsContext = createContext<Words>(wordsFor('en'));

export function useWords(): Words {
  return useContext(WordsContext);
}
