import { useState } from 'preact/hooks';
import type { Stage } from '../../../../shared/scoring/rules';
import type { OpportunityCard, PipelineReport } from '../../../reports/pipeline';
import type { Page } from '../../../reports/rows';
import { AccountLink } from '../AccountLink';
import type { Profile } from '../App';
import { ApiError, api, query } from '../api';
import { useWords } from '../i18n';
import { Pager } from '../Pager';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

type CardFilter = { grade?: string; minAmount?: string; maxAmount?: string; closeFrom?: string; closeTo?: string };
const STUCK_PAGE = 20;
/** The board's stages (DESIGN §6), written out here: importing the server's list would bundle zod with the page. */
const BOARD_STAGES: readonly Stage[] = [
  'development',
  'initiation',
  'proposal',
  'bidding',
  'negotiation',
  'implementation',
  'lost',
];

type GateRef = { stage: string; gate: string };
/** A move the server refused (missing key nodes) or that needs a lost reason: the panel asks for what is missing. */
type PendingMove = { card: OpportunityCard; stage: Stage; missing: GateRef[]; needsLostReason: boolean };

/** Pipeline by stage (DESIGN §6): amounts, weighted forecast, cards with owner, close date, quiet days; stuck deals. */
export function Pipeline(props: { scope: Scope; user: Profile }) {
  const { t, money } = useWords();
  const [filter, setFilter] = useState<CardFilter>({});
  const [stuckOffset, setStuckOffset] = useState(0);
  const [reload, setReload] = useState(0);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const params = { ...props.scope, ...filter };
  const board = useApi<PipelineReport>(`/api/v1/reports/pipeline${query(params)}`, reload);
  const stuck = useApi<Page<OpportunityCard>>(
    `/api/v1/reports/opportunities${query({ ...params, stuck: '1', offset: stuckOffset, limit: STUCK_PAGE })}`,
    reload,
  );

  /** Moves a card (drag, or the "move to" list); a refusal opens the panel that asks for what is missing. */
  const move = async (card: OpportunityCard, stage: Stage, extra: { reason?: string; lostReason?: string } = {}) => {
    if (stage === card.stage) return;
    if (stage === 'lost' && !extra.lostReason) {
      setPending({ card, stage, missing: [], needsLostReason: true });
      return;
    }
    try {
      await api(`/api/v1/opportunities/${encodeURIComponent(card.id)}/stage`, {
        method: 'POST',
        body: {
          stage,
          ...(extra.reason ? { override: { reason: extra.reason } } : {}),
          ...(extra.lostReason ? { lostReason: extra.lostReason } : {}),
        },
      });
      setPending(null);
      setNotice(t('manager.move.done', { name: card.name, stage: t(`scoring.stage.${stage}`) }));
      setReload((n) => n + 1);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'missing-gates')
        setPending({ card, stage, missing: error.details.missing ?? [], needsLostReason: false });
      else setNotice(t('manager.move.failed', { reason: (error as Error).message }));
    }
  };

  return (
    <section aria-labelledby="pipeline-heading">
      <h1 id="pipeline-heading">{t('manager.pipeline.heading')}</h1>
      <CardFilters
        onFilter={(next) => {
          setStuckOffset(0);
          setFilter(next);
        }}
      />
      {notice !== null && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {pending && <MovePanel pending={pending} user={props.user} onCancel={() => setPending(null)} onMove={move} />}
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
            <div class="board" key={reload}>
              {report.stages.map((stage) => (
                <section
                  class="stage"
                  key={stage.stage}
                  data-stage={stage.stage}
                  aria-label={t(`scoring.stage.${stage.stage}`)}
                  onDragOver={(event) => event.preventDefault()}
                  onDrop={(event) => {
                    event.preventDefault();
                    const id = event.dataTransfer?.getData('text/plain');
                    const card = report.stages.flatMap((s) => s.cards).find((c) => c.id === id);
                    if (card) void move(card, stage.stage);
                  }}
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
                      <Card key={card.id} card={card} onMove={(to) => void move(card, to)} />
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
                      <td>
                        <AccountLink id={card.accountId} name={card.accountName} />
                      </td>
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

function Card(props: { card: OpportunityCard; onMove: (stage: Stage) => void }) {
  const { t, money, date } = useWords();
  const { card } = props;
  return (
    <li
      class={card.stuck ? 'card stuck' : 'card'}
      data-testid="opportunity-card"
      draggable
      onDragStart={(event) => event.dataTransfer?.setData('text/plain', card.id)}
    >
      <strong>{card.name}</strong>
      {card.stuck && <span class="badge">{t('manager.pipeline.stuckBadge')}</span>}
      <span>
        <AccountLink id={card.accountId} name={card.accountName} />
      </span>
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
      <label class="move">
        {t('manager.move.to')}{' '}
        <select name="stage" value={card.stage} onChange={(event) => props.onMove(event.currentTarget.value as Stage)}>
          {BOARD_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {t(`scoring.stage.${stage}`)}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}

const GATE_KEYS = [
  'projectInfo',
  'presalesApproved',
  'decisionMakersReached',
  'bidSubmitted',
  'contractSigned',
  'accepted',
] as const;

/** What a refused move lacks: the key nodes (a manager may override with a reason) or the reason it was lost. */
function MovePanel(props: {
  pending: PendingMove;
  user: Profile;
  onCancel: () => void;
  onMove: (card: OpportunityCard, stage: Stage, extra: { reason?: string; lostReason?: string }) => Promise<void>;
}) {
  const { t } = useWords();
  const [text, setText] = useState('');
  const { card, stage, missing, needsLostReason } = props.pending;
  const gateLabel = (gate: string) => {
    const known = GATE_KEYS.find((key) => key === gate);
    return known ? t(`manager.gate.${known}`) : gate;
  };
  const canOverride = props.user.role !== 'rep';
  const submit = (event: Event) => {
    event.preventDefault();
    void props.onMove(card, stage, needsLostReason ? { lostReason: text } : { reason: text });
  };
  return (
    <form class="move-panel" onSubmit={submit} data-testid="move-panel">
      {needsLostReason ? (
        <label>
          {t('manager.move.lostReason', { name: card.name })}
          <input name="lostReason" required value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
      ) : (
        <>
          <p role="alert">{t('manager.move.refused', { name: card.name, stage: t(`scoring.stage.${stage}`) })}</p>
          <ul>
            {missing.map((gate) => (
              <li key={gate.gate}>
                {t(`scoring.stage.${gate.stage as Stage}`)}: {gateLabel(gate.gate)}
              </li>
            ))}
          </ul>
          {canOverride ? (
            <label>
              {t('manager.move.reason')}
              <input name="reason" required value={text} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
          ) : (
            <p>{t('manager.move.repCannot')}</p>
          )}
        </>
      )}
      {(needsLostReason || canOverride) && (
        <button type="submit">{needsLostReason ? t('manager.move.markLost') : t('manager.move.override')}</button>
      )}
      <button type="button" class="secondary" onClick={props.onCancel}>
        {t('manager.move.cancel')}
      </button>
    </form>
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
