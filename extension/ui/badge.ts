import { type Locale, t } from '../../shared/i18n';
import type { CardSummary } from '../store/lookup';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

/** hot / warm / cold, and grey for a known customer not yet scored. */
export const BAND_COLOURS = { hot: '#c5221f', warm: '#e37400', cold: '#1967d2', none: '#5f6368' } as const;

/**
 * The toolbar badge for the cards of a tab's domain (caller-ID): the qualification grade (甲/乙/丙, A/B/C) or else
 * the score, coloured by its band; `•` for a known customer not yet scored; null (no badge) for an unknown site.
 */
export function badgeFor(cards: readonly CardSummary[], locale: Locale): Badge | null {
  const card = cards[0];
  if (!card) return null;
  const text = card.qualification
    ? t(locale, `extension.grade.${card.qualification}`)
    : card.score !== null
      ? String(Math.round(card.score))
      : '•';
  const band = card.band ? t(locale, `extension.band.${card.band}`) : '';
  return {
    text,
    color: BAND_COLOURS[card.band ?? 'none'],
    title: [card.name, band, cards.length > 1 ? `+${cards.length - 1}` : ''].filter(Boolean).join(' · '),
  };
}
