import { type Locale, t } from '../../shared/i18n';
import type { CardSummary } from '../store/lookup';

export function SearchResults({
  query,
  results,
  locale,
  onOpen,
}: {
  query: string;
  results: readonly CardSummary[];
  locale: Locale;
  onOpen: (id: string) => void;
}) {
  if (query.trim() === '') return <p class="hint">{t(locale, 'extension.search.hint')}</p>;
  if (results.length === 0) return <p class="hint">{t(locale, 'extension.search.none', { query })}</p>;
  return (
    <ul class="results" data-testid="results">
      {results.map((r) => (
        <li key={r.id}>
          <button type="button" class="result" onClick={() => onOpen(r.id)} data-testid="result">
            <span class="name">{r.name}</span>
            {r.matched && r.matched !== r.name ? <span class="matched">{r.matched}</span> : null}
            <GradeChip summary={r} locale={locale} />
          </button>
        </li>
      ))}
    </ul>
  );
}

export function GradeChip({ summary, locale }: { summary: CardSummary; locale: Locale }) {
  if (!summary.band && !summary.qualification) return null;
  return (
    <span class={`chip band-${summary.band ?? 'none'}`}>
      {summary.qualification ? t(locale, `extension.grade.${summary.qualification}`) : ''}
      {summary.score !== null ? ` ${Math.round(summary.score)}` : ''}
    </span>
  );
}
