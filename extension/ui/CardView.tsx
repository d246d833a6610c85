import { type Locale, type MessageKey, t } from '../../shared/i18n';
import type { Grades } from '../../shared/schema/entities';
import { explainLine } from '../../shared/scoring/explain';
import { MailHistoryEntry } from '../mail-adapters/MailHistoryEntry';
import type { Card } from '../store/card';
import type { LeadcardDb } from '../store/db';
import type { StoreEnv } from '../store/meta';
import { CardClash, ClashBanner } from './ClashBanner';
import { formatTime } from './format';

const join = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : '');
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The customer card (客户资料卡): grades and why, owner, next meeting, contacts, history. Text only, never HTML. */
export function CardView({
  card,
  locale,
  me,
  clash,
  store,
}: {
  card: Card;
  locale: Locale;
  me: string | null;
  /** A clash the check at sync found on this card, with the rep's two ways out (ClashBanner). */
  clash?: Omit<Parameters<typeof ClashBanner>[0], 'locale'> | null;
  /** The store: the card then shows its clash from the store itself (CardClash). */
  store?: { db: LeadcardDb; env: StoreEnv };
}) {
  const f = card.account.fields;
  const grades = (f.grades ?? null) as Grades | null;
  const owner = str(f.owner);
  const status = str(f.status);
  return (
    <article class="card" data-testid="card">
      <header>
        <h2 data-testid="card-name">{str(f.name)}</h2>
        <p class="meta">
          {status ? t(locale, `extension.status.${status}` as MessageKey) : ''}
          {' · '}
          {owner === ''
            ? t(locale, 'extension.card.unsynced')
            : owner === me
              ? t(locale, 'extension.card.ownerYou')
              : t(locale, 'extension.card.owner', { owner })}
          {join(f.domains) ? ` · ${join(f.domains)}` : ''}
        </p>
      </header>
      {clash ? <ClashBanner {...clash} locale={locale} /> : null}
      {store && !clash ? <CardClash {...store} accountId={card.account.id} locale={locale} /> : null}

      <section class="grades" data-testid="grades">
        {grades ? (
          <>
            <p>
              <span class={`chip band-${grades.score.band}`} data-testid="score">
                {t(locale, 'extension.card.score', { value: Math.round(grades.score.value) })} ·{' '}
                {t(locale, `extension.band.${grades.score.band}`)}
              </span>
              {grades.qualification ? (
                <span class="chip"> {t(locale, `extension.qualification.${grades.qualification}`)}</span>
              ) : null}
            </p>
            <details open>
              <summary>{t(locale, 'extension.card.why')}</summary>
              <ul class="lines" data-testid="score-lines">
                {grades.score.lines.map((line) => (
                  <li key={`${line.rule}-${line.field}`}>
                    <span class="points">{line.points > 0 ? `+${line.points}` : String(line.points)}</span>{' '}
                    {explainLine(line, locale)}
                  </li>
                ))}
              </ul>
            </details>
          </>
        ) : (
          <p class="hint">{t(locale, 'extension.card.notScored')}</p>
        )}
      </section>

      <section data-testid="next-meeting">
        <h3>{t(locale, 'extension.card.nextMeeting')}</h3>
        {card.nextMeeting ? (
          <p>
            {formatTime(card.nextMeeting.at, locale)} {card.nextMeeting.place} {card.nextMeeting.purpose}
          </p>
        ) : (
          <p class="hint">{t(locale, 'extension.card.noNextMeeting')}</p>
        )}
      </section>

      <section>
        <h3>{t(locale, 'extension.card.contacts')}</h3>
        {card.contacts.length === 0 ? <p class="hint">{t(locale, 'extension.card.noContacts')}</p> : null}
        <ul class="contacts">
          {card.contacts.map((c) => (
            <li key={c.id}>
              <strong>{str(c.fields.name)}</strong>
              {str(c.fields.title) ? ` · ${str(c.fields.title)}` : ''}
              {str(c.fields.buyingRole)
                ? ` · ${t(locale, `extension.role.${str(c.fields.buyingRole)}` as MessageKey)}`
                : ''}
              <br />
              <span class="meta">{[join(c.fields.emails), join(c.fields.phones)].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h3>{t(locale, 'extension.card.history')}</h3>
        {card.activities.length === 0 ? <p class="hint">{t(locale, 'extension.card.noHistory')}</p> : null}
        <ol class="history" data-testid="history">
          {card.activities.map((a) => {
            const next = a.fields.next as { at?: string; place?: string } | null;
            if (a.fields.type === 'email') {
              return (
                <li key={a.id}>
                  <MailHistoryEntry fields={a.fields} locale={locale} />
                </li>
              );
            }
            return (
              <li key={a.id}>
                <span class="when">{formatTime(str(a.fields.at), locale)}</span>{' '}
                <span class="kind">{t(locale, `extension.activity.${str(a.fields.type)}` as MessageKey)}</span>{' '}
                {str(a.fields.summary)}
                {next?.at ? (
                  <div class="meta">
                    {t(locale, 'extension.card.next', { at: formatTime(next.at, locale), place: next.place ?? '' })}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
    </article>
  );
}
