import type { ComplaintCard, ComplaintReport } from '../../../reports/complaints';
import { query } from '../api';
import { useWords } from '../i18n';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

/** The complaints board along the handling flow (recorded → … → closed), overdue ones marked; rate per category. */
export function Complaints(props: { scope: Scope }) {
  const { t } = useWords();
  const state = useApi<ComplaintReport>(`/api/v1/reports/complaints${query(props.scope)}`);
  return (
    <section aria-labelledby="complaints-heading">
      <h1 id="complaints-heading">{t('manager.complaints.heading')}</h1>
      <Status state={state}>{(report) => <ComplaintBody report={report} />}</Status>
    </section>
  );
}

function ComplaintBody(props: { report: ComplaintReport }) {
  const { t } = useWords();
  const { report } = props;
  return (
    <>
      <p class="summary">{t('manager.complaints.summary', { overdue: report.overdue })}</p>
      <div class="board complaints">
        {report.steps.map((step) => (
          <section class="stage" key={step.step} data-step={step.step} aria-label={t(`manager.step.${step.step}`)}>
            <h2>
              {t(`manager.step.${step.step}`)} ({step.count})
            </h2>
            <ul>
              {step.cards.map((card) => (
                <ComplaintItem key={card.id} card={card} />
              ))}
            </ul>
            {step.count > step.cards.length && <p class="muted">+{step.count - step.cards.length}</p>}
          </section>
        ))}
      </div>
      <h2>{t('manager.complaints.rates')}</h2>
      <table data-testid="complaint-rates">
        <thead>
          <tr>
            <th scope="col">{t('manager.column.category')}</th>
            <th scope="col" class="number">
              {t('manager.column.accounts')}
            </th>
            <th scope="col" class="number">
              {t('manager.column.complaints')}
            </th>
            <th scope="col" class="number">
              {t('manager.column.rate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rates.map((row) => (
            <tr key={row.category}>
              <th scope="row">{t(`manager.category.${row.category}`)}</th>
              <td class="number">{row.accounts}</td>
              <td class="number">{row.complaints}</td>
              <td class="number">{row.rate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const CATEGORY_KEYS = ['product-quality', 'service-attitude', 'facilities', 'other'] as const;

function ComplaintItem(props: { card: ComplaintCard }) {
  const { t, date } = useWords();
  const { card } = props;
  const category = CATEGORY_KEYS.find((key) => key === card.category);
  return (
    <li class={card.overdue ? 'card stuck' : 'card'} data-testid="complaint-card">
      <strong>{card.accountName ?? ''}</strong>
      {card.overdue && <span class="badge">{t('manager.complaints.overdue')}</span>}
      {category && <span>{t(`manager.complaintCategory.${category}`)}</span>}
      <span>{card.summary}</span>
      {card.at && <span>{t('manager.complaints.opened', { date: date(card.at) })}</span>}
      {card.daysOpen !== null && <span>{t('manager.complaints.daysOpen', { days: card.daysOpen })}</span>}
      {card.responsible && <span>{t('manager.complaints.responsible', { who: card.responsible })}</span>}
      {card.approvedBy && <span>{t('manager.complaints.approvedBy', { who: card.approvedBy })}</span>}
      {card.notifiedAt && <span>{t('manager.complaints.notified', { date: date(card.notifiedAt) })}</span>}
      {card.closedAt && <span>{t('manager.complaints.closed', { date: date(card.closedAt) })}</span>}
      {card.satisfied !== null && (
        <span>{card.satisfied ? t('manager.complaints.satisfied') : t('manager.complaints.unsatisfied')}</span>
      )}
    </li>
  );
}
