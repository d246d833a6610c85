import { type Locale, t } from '../../shared/i18n';
import { formatTime } from '../ui/format';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * One clipped email in a card's history: date, direction (received from the customer / sent by the rep), subject,
 * and the sender's own text collapsed under a disclosure. Captured text, shown as text only.
 */
export function MailHistoryEntry({ fields, locale }: { fields: Record<string, unknown>; locale: Locale }) {
  const direction = fields.direction === 'in' || fields.direction === 'out' ? fields.direction : null;
  const subject = str(fields.summary).trim();
  const body = str(fields.body).trim();
  return (
    <div class="mail-entry" data-testid="history-email" data-direction={direction ?? ''}>
      <span class="when">{formatTime(str(fields.at), locale)}</span>{' '}
      <span class="kind" data-testid="history-mail-direction">
        {t(locale, direction ? `mail.history.${direction}` : 'mail.history.unknown')}
      </span>{' '}
      <strong data-testid="history-mail-subject">{subject || t(locale, 'mail.history.noSubject')}</strong>
      <details data-testid="history-mail-body">
        <summary>{t(locale, direction === 'out' ? 'mail.history.bodyOut' : 'mail.history.body')}</summary>
        <p class="mail-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {body || t(locale, 'mail.history.noBody')}
        </p>
      </details>
    </div>
  );
}
