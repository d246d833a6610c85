import { useState } from 'preact/hooks';
import type { OpportunityCard, PipelineReport } from '../../../reports/pipeline';
import type { Page } from '../../../reports/rows';
import { query } from '../api';
import { useWords } from '../i18n';
import { Pager } from '../Pager';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

type CardFilter = { grade?: string; minAmount?: string; maxAmount?: string; closeFrom?: string; closeTo?: string };
const STUCK_PAGE = 20;

/** Pipeline by stage (DESIGN §6): amounts, weighted forecast, cards with owner, close date, quiet days; stuck deals. */
export function Pipeline(props: { scope: Scope }) {
  const { t, money } = useWords();
  const [filter, setFilter] = useState<CardFilter>({});
  const [stuckOffset, setStuckOffset] = useState(0);
  const params = { ...props.scope, ...filter };
  const board = useApi<PipelineReport>(`/api/v1/reports/pipeline${query(params)}`);
  const stuck = useApi<Page<OpportunityCard>>(
    `/api/v1/reports/opportunities${query({ ...params, stuck: '1', offset: stuckOffset, limit: STUCK_PAGE })}`,
  );
  return (
    <section aria-labelledby="pipeline-heading">
      <h1 id="pipeline-heading">{t('manager.pipeline.heading')}</h1>
      <CardFilters
        onFilter={(next) => {
          setStuckOffset(0);
          setFilter(next);
        }}
      />
      <Status state={board}>
        {(report) => (
          <>
            <p class="summary" data-testid="pipeline-summary">
              {t('manager.pipeline.summary', {
                count: report.count,
                amount: money(report.amount),
                weighted: money(report.weighted),
              })}
            </p>
            <div class="board">
              {report.stages.map((stage) => (
                <section
                  class="stage"
                  key={stage.stage}
                  data-stage={stage.stage}
                  aria-label={t(`scoring.stage.${stage.stage}`)}
                >
                  <h2>{t(`scoring.stage.${stage.stage}`)}</h2>
                  <p class="muted">
                    {t('manager.pipeline.stageSummary', {
                      count: stage.count,
                      amount: money(stage.amount),
                      weighted: money(stage.weighted),
                      probability: stage.probability,
                    })}
                  </p>
                  <ul>
                    {stage.cards.map((card) => (
                      <Card key={card.id} card={card} />
                    ))}
                  </ul>
                  {stage.count > stage.cards.length && <p class="muted">+{stage.count - stage.cards.length}</p>}
                </section>
              ))}
            </div>
          </>
        )}
      </Status>
      <Status state={stuck}>
        {(page) => (
          <section aria-labelledby="stuck-heading">
            <h2 id="stuck-heading">{t('manager.pipeline.stuckHeading', { count: page.total })}</h2>
            {page.total === 0 ? (
              <p class="muted">{t('manager.pipeline.stuckNone')}</p>
            ) : (
              <table class="stuck">
                <thead>
                  <tr>
                    <th scope="col">{t('manager.column.opportunity')}</th>
                    <th scope="col">{t('manager.column.account')}</th>
                    <th scope="col">{t('manager.column.stage')}</th>
                    <th scope="col" class="number">
                      {t('manager.column.amount')}
                    </th>
                    <th scope="col">{t('manager.column.owner')}</th>
                    <th scope="col" class="number">
                      {t('manager.column.quiet')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((card) => (
                    <tr key={card.id}>
                      <td>{card.name}</td>
                      <td>{card.accountName ?? ''}</td>
                      <td>{t(`scoring.stage.${card.stage}`)}</td>
                      <td class="number">{money(card.amount, card.currency)}</td>
                      <td>{card.owner ?? t('manager.pipeline.noOwner')}</td>
                      <td class="number">{card.daysQuiet ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Pager offset={page.offset} limit={page.limit} total={page.total} onOffset={setStuckOffset} />
          </section>
        )}
      </Status>
    </section>
  );
}

function Card(props: { card: OpportunityCard }) {
  const { t, money, date } = useWords();
  const { card } = props;
  return (
    <li class={card.stuck ? 'card stuck' : 'card'} data-testid="opportunity-card">
      <strong>{card.name}</strong>
      {card.stuck && <span class="badge">{t('manager.pipeline.stuckBadge')}</span>}
      <span>{card.accountName ?? ''}</span>
      <span class="amount">{money(card.amount, card.currency)}</span>
      <span>{card.owner ? t('manager.pipeline.owner', { owner: card.owner }) : t('manager.pipeline.noOwner')}</span>
      <span>
        {card.expectedClose
          ? t('manager.pipeline.close', { date: date(card.expectedClose) })
          : t('manager.pipeline.noClose')}
      </span>
      <span class={card.stuck ? 'quiet warn' : 'quiet'}>
        {card.daysQuiet === null
          ? t('manager.pipeline.neverActive')
          : t('manager.pipeline.quiet', { days: card.daysQuiet })}
      </span>
    </li>
  );
}

/** Grade, amount range and expected-close range; applied on submit. */
function CardFilters(props: { onFilter: (filter: CardFilter) => void }) {
  const { t } = useWords();
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (key: string) => {
      const text = String(form.get(key) ?? '').trim();
      return text === '' ? undefined : text;
    };
    props.onFilter({
      grade: value('grade'),
      minAmount: value('minAmount'),
      maxAmount: value('maxAmount'),
      closeFrom: value('closeFrom'),
      closeTo: value('closeTo'),
    });
  };
  return (
    <form class="filters" onSubmit={submit} onReset={() => props.onFilter({})} aria-label={t('manager.filter.heading')}>
      <label>
        {t('manager.filter.grade')}
        <select name="grade">
          <option value="">{t('manager.filter.any')}</option>
          {['A', 'B', 'C', 'D'].map((grade) => (
            <option key={grade} value={grade}>
              {grade}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('manager.filter.minAmount')}
        <input name="minAmount" type="number" min="0" step="any" />
      </label>
      <label>
        {t('manager.filter.maxAmount')}
        <input name="maxAmount" type="number" min="0" step="any" />
      </label>
      <label>
        {t('manager.filter.closeFrom')}
        <input name="closeFrom" type="date" />
      </label>
      <label>
        {t('manager.filter.closeTo')}
        <input name="closeTo" type="date" />
      </label>
      <button type="submit">{t('manager.filter.apply')}</button>
      <button type="reset">{t('manager.filter.clear')}</button>
    </form>
  );
}
