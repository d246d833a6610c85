import { useWords } from '../i18n';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * One clipped email in the account's history (manager page): date, received/sent, who clipped it, subject, and the
 * sender's own text collapsed under a disclosure. The mail's text is captured data: text only, never markup.
 */
export function MailEntry({ activity }: { activity: Record<string, unknown> }) {
  const { t, date } = useWords();
  const direction = activity.direction === 'in' || activity.direction === 'out' ? activity.direction : null;
  const subject = str(activity.summary).trim();
  const body = str(activity.body).trim();
  return (
    <div class="mail-entry" data-testid="history-email" data-direction={direction ?? ''}>
      <strong>{typeof activity.at === 'string' ? date(activity.at) : ''}</strong> ·{' '}
      <span data-testid="history-mail-direction">
        {t(direction ? `mail.history.${direction}` : 'mail.history.unknown')}
      </span>
      {str(activity.by) ? ` · ${str(activity.by)}` : ''} —{' '}
      <span data-testid="history-mail-subject">{subject || t('mail.history.noSubject')}</span>
      <details data-testid="history-mail-body">
        <summary>{t(direction === 'out' ? 'mail.history.bodyOut' : 'mail.history.body')}</summary>
        <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{body || t('mail.history.noBody')}</p>
      </details>
    </div>
  );
}
