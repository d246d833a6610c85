import { type Locale, t } from '../../shared/i18n';
import { loadCard } from '../store/card';
import type { LeadcardDb } from '../store/db';
import { findByEmail } from '../store/lookup';
import { BAND_COLOURS, badgeFor } from '../ui/badge';
import { formatTime } from '../ui/format';
import type { MailChip } from './mail-clip-types';

/**
 * The caller-ID chip for a webmail sender (DESIGN §7): the card of the sender's address (or of their company's
 * domain) with its grade, score, owner, last contact and next meeting; otherwise "Clip sender".
 * `me` is the signed-in rep (their own cards say "Yours"), `nowIso` decides which meetings are still ahead.
 */
export async function mailChipFor(
  db: LeadcardDb,
  email: string,
  locale: Locale,
  me: string | null,
  nowIso: string,
): Promise<MailChip> {
  const [summary] = await findByEmail(db, email);
  const card = summary ? await loadCard(db, summary.id, nowIso) : null;
  if (!summary || !card) return { kind: 'unknown', clipLabel: t(locale, 'mail.chip.clip') };

  const badge = badgeFor([summary], locale);
  const owner = typeof card.account.fields.owner === 'string' ? card.account.fields.owner : '';
  const lastAt = card.activities.find((a) => typeof a.fields.at === 'string')?.fields.at as string | undefined;
  const details = [
    summary.score !== null && summary.band
      ? `${t(locale, 'extension.card.score', { value: Math.round(summary.score) })} · ${t(locale, `extension.band.${summary.band}`)}`
      : t(locale, 'mail.chip.notScored'),
    owner === ''
      ? t(locale, 'extension.card.unsynced')
      : owner === me
        ? t(locale, 'extension.card.ownerYou')
        : t(locale, 'extension.card.owner', { owner }),
    lastAt ? t(locale, 'mail.chip.lastContact', { at: formatTime(lastAt, locale) }) : t(locale, 'mail.chip.noContact'),
    card.nextMeeting
      ? t(locale, 'mail.chip.nextMeeting', {
          at: formatTime(card.nextMeeting.at, locale),
          place: card.nextMeeting.place,
        }).trim()
      : t(locale, 'extension.card.noNextMeeting'),
  ];
  return {
    kind: 'known',
    grade: badge?.text ?? '•',
    color: badge?.color ?? BAND_COLOURS.none,
    name: summary.name,
    details,
    clipLabel: t(locale, 'mail.chip.clipMail'),
  };
}
