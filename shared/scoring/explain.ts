import { type Catalog, catalogFor, type Locale, type MessageKey, t } from '../i18n';

/** An i18n key of the scoring area (`shared/i18n/areas/scoring.en.ts`). */
export type ScoringKey = Extract<MessageKey, `scoring.${string}`>;
export type LineParams = Record<string, string | number>;

/**
 * One line of a score's explanation: which rule gave how many points, from which field. `text` is the English
 * rendering (what a log or an API client without a locale reads); `key` and `params` re-render it in the rep's
 * language with `explainLine(line, 'zh-CN')`. Lines of grades that are outcomes, not sums (甲/乙/丙, key account),
 * carry `points: 0`.
 */
export type ExplanationLine = {
  rule: string;
  field: string;
  points: number;
  text: string;
  key: ScoringKey;
  params: LineParams;
};

/**
 * A value with the lines that explain it. The functions that return one take a last `explain = true`; `false`
 * skips building the lines (the value is the same), which batch re-scoring uses for the grades that keep none.
 */
export type Explained<T> = { value: T; lines: ExplanationLine[] };

/** A template split at its placeholders: literal text at even indexes, parameter names at odd ones. */
type Template = readonly string[];
const englishTemplates = new Map<string, Template>();

/** Builds a line; the English text comes from pre-split templates, since re-scoring renders a million of them. */
export function line(
  rule: string,
  field: string,
  points: number,
  key: ScoringKey,
  params: LineParams = {},
): ExplanationLine {
  return { rule, field, points, text: render(key, params), key, params };
}

/**
 * The line's text in `locale`: `explainLine(line, 'zh-CN')` → "职位“总经理”（高管）：+15". Falls back to `text`.
 * A string parameter that names a term of the catalog (`scoring.term.executive`) is translated too.
 */
export function explainLine(explained: { text: string; key?: string; params?: LineParams }, locale: Locale): string {
  const { key } = explained;
  const catalog = catalogFor(locale);
  if (key === undefined || !(key in catalog)) return explained.text;
  const params: LineParams = {};
  for (const [name, value] of Object.entries(explained.params ?? {})) params[name] = term(catalog, value);
  return t(locale, key as MessageKey, params);
}

function render(key: ScoringKey, params: LineParams): string {
  const english = catalogFor('en');
  let template = englishTemplates.get(key);
  if (!template) {
    template = english[key].split(/\{(\w+)\}/);
    englishTemplates.set(key, template);
  }
  let out = template[0] as string;
  for (let i = 1; i < template.length; i += 2) {
    const name = template[i] as string;
    const value = params[name];
    out += value === undefined ? `{${name}}` : term(english, value);
    out += template[i + 1] as string;
  }
  return out;
}

/** A parameter as the reader's term: `executive` → "高管" when the catalog has `scoring.term.executive`. */
function term(catalog: Catalog, value: string | number): string | number {
  if (typeof value !== 'string') return value;
  const translated = (catalog as Record<string, string>)[`scoring.term.${value}`];
  return translated ?? value;
}

/**
 * The rep's-language label of a grade's reason code: `reasonText('keyAccount', 'revenue', 'zh-CN')` → "近 12 个月销售额".
 */
export function reasonText(grade: 'keyAccount' | 'churnRisk', reason: string, locale: Locale): string {
  const key = `scoring.reason.${grade}.${reason}`;
  return key in catalogFor(locale) ? t(locale, key as MessageKey) : reason;
}
