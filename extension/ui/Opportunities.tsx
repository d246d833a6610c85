import { useState } from 'preact/hooks';
import { type Locale, type MessageKey, t } from '../../shared/i18n';
import { formatMoney } from '../../shared/i18n/format';
import type { OpportunityFields } from '../../shared/schema/entities';
import { DEFAULT_RULES } from '../../shared/scoring/default-rules';
import type { ScoringRules, Stage } from '../../shared/scoring/rules';
import type { StageMove } from '../../shared/scoring/stage-move';
import { moveOpportunity, newOpportunityFields, setGates } from '../store/card-records';
import type { LeadcardDb, StoredRecord } from '../store/db';
import { InvalidChangeError, saveLocal } from '../store/local-change';
import type { StoreEnv } from '../store/meta';
import { overrideFailureText, type StageOverrideRequest } from './stage-override';

const STAGES: Stage[] = ['development', 'initiation', 'proposal', 'bidding', 'negotiation', 'implementation', 'lost'];
export type Role = 'rep' | 'manager' | 'admin';

interface Props {
  db: LeadcardDb;
  env: StoreEnv;
  accountId: string;
  opportunities: readonly StoredRecord[];
  locale: Locale;
  /** The signed-in user's role: only a manager or an admin may override a skipped key node. */
  role?: Role;
  rules?: ScoringRules;
  onSaved: () => void;
  /** Asks the server for a manager's override (absent when not signed in): the server decides, nothing is queued. */
  overrideStage?: (request: StageOverrideRequest) => Promise<unknown>;
}

const stageLabel = (locale: Locale, stage: string) => t(locale, `scoring.stage.${stage}` as MessageKey);
const gateLabel = (locale: Locale, gate: string) => t(locale, `manager.gate.${gate}` as MessageKey);

/** Why a move was refused, in the rep's words: the key nodes it would skip, or what else it needs. */
export function refusalText(move: StageMove, locale: Locale): string {
  if (move.allowed) return '';
  const to = stageLabel(locale, move.to);
  if (move.reason === 'lost-reason-required') return t(locale, 'scoring.move.lost-reason-required');
  const missing = move.missing.map((m) => gateLabel(locale, m.gate)).join(locale === 'zh-CN' ? '、' : ', ');
  const text = t(locale, 'scoring.move.missing-gates', { to, missing });
  return move.reason === 'missing-gates' ? text : `${text} — ${t(locale, `scoring.move.${move.reason}`)}`;
}

/** The card's opportunities (商机) with stage and amount; create one; move a stage through the gate check. */
export function Opportunities({
  db,
  env,
  accountId,
  opportunities,
  locale,
  role = 'rep',
  rules = DEFAULT_RULES,
  onSaved,
  overrideStage,
}: Props) {
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  async function create(event: Event) {
    event.preventDefault();
    try {
      await saveLocal(
        db,
        env,
        'opportunity',
        null,
        newOpportunityFields({ accountId, name: name.trim(), amount: Number(amount) || 0 }),
      );
      setName('');
      setAmount('');
      setMessage(t(locale, 'extension2.opportunity.created'));
      onSaved();
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setMessage(t(locale, 'extension.error.invalid', { reason: error.message }));
    }
  }

  return (
    <section class="opportunities" data-testid="opportunities">
      <h3>{t(locale, 'extension2.opportunity.title')}</h3>
      {opportunities.length === 0 ? <p class="hint">{t(locale, 'extension2.opportunity.none')}</p> : null}
      <ul>
        {opportunities.map((o) => (
          <OpportunityItem
            key={o.id}
            db={db}
            env={env}
            opportunity={o}
            locale={locale}
            role={role}
            rules={rules}
            onSaved={onSaved}
            overrideStage={overrideStage}
          />
        ))}
      </ul>
      <form onSubmit={create} data-testid="new-opportunity">
        <h4>{t(locale, 'extension2.opportunity.new')}</h4>
        <label>
          {t(locale, 'extension2.opportunity.name')}
          <input name="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t(locale, 'extension2.opportunity.amount')}
          <input
            name="amount"
            type="number"
            min="0"
            step="any"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t(locale, 'extension2.opportunity.create')}</button>
        {message ? (
          <p class="hint" role="status">
            {message}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function OpportunityItem({
  db,
  env,
  opportunity,
  locale,
  role,
  rules,
  onSaved,
  overrideStage,
}: Omit<Props, 'accountId' | 'opportunities' | 'role' | 'rules'> & {
  opportunity: StoredRecord;
  role: Role;
  rules: ScoringRules;
}) {
  const f = opportunity.fields as Partial<OpportunityFields>;
  const stage = (f.stage ?? 'development') as Stage;
  const [to, setTo] = useState<Stage>(STAGES[Math.min(STAGES.indexOf(stage) + 1, STAGES.length - 2)] ?? 'initiation');
  const [lostReason, setLostReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const gates = f.gates ?? {};
  const mayOverride = role !== 'rep';

  async function move(event: Event) {
    event.preventDefault();
    const result = await moveOpportunity(db, env, opportunity, to, rules, { lostReason });
    if (result.allowed) {
      setRefusal(null);
      setDone(t(locale, 'extension2.opportunity.moved', { stage: stageLabel(locale, to) }));
      onSaved();
    } else {
      setDone(null);
      const text = refusalText(result, locale);
      setRefusal(
        result.reason === 'missing-gates' && !mayOverride
          ? `${text}. ${t(locale, 'extension2.opportunity.repCannotOverride')}`
          : text,
      );
    }
  }

  // A skipped key node is the server's to allow (it checks the role and its own gates), so the override is a
  // request to it rather than a local change: offline the manager is told so instead of queueing a refusal.
  async function override(event: Event) {
    event.preventDefault();
    const reason = overrideReason.trim();
    if (!reason) {
      setRefusal(t(locale, 'scoring.move.override-reason-required'));
      return;
    }
    if (!overrideStage) {
      setRefusal(t(locale, 'extension2.opportunity.overrideSignIn'));
      return;
    }
    setBusy(true);
    try {
      await overrideStage({
        opportunityId: opportunity.id,
        stage: to,
        reason,
        ...(to === 'lost' && lostReason.trim() ? { lostReason: lostReason.trim() } : {}),
      });
      setRefusal(null);
      setDone(t(locale, 'extension2.opportunity.overridden', { stage: stageLabel(locale, to) }));
    } catch (error) {
      setDone(null);
      setRefusal(overrideFailureText(error, locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-testid="opportunity">
      <strong data-testid="opportunity-name">{String(f.name ?? '')}</strong>{' '}
      <span class="meta" data-testid="opportunity-stage">
        {t(locale, 'extension2.opportunity.summary', {
          stage: stageLabel(locale, stage),
          amount: formatMoney(locale, Number(f.amount ?? 0), String(f.currency ?? 'CNY')),
        })}
      </span>
      <details>
        <summary>{t(locale, 'extension2.opportunity.gates')}</summary>
        {rules.stages.steps.map((step) => (
          <label key={step.gate}>
            <input
              type="checkbox"
              name={`gate-${step.gate}`}
              checked={gates[step.gate] === true}
              onChange={async (e) => {
                await setGates(db, env, opportunity, { [step.gate]: e.currentTarget.checked });
                onSaved();
              }}
            />{' '}
            {gateLabel(locale, step.gate)}
          </label>
        ))}
      </details>
      <form onSubmit={(e) => void move(e)} data-testid="move-stage">
        <label>
          {t(locale, 'extension2.opportunity.moveTo')}
          <select name="to" value={to} onChange={(e) => setTo(e.currentTarget.value as Stage)}>
            {STAGES.filter((s) => s !== stage).map((s) => (
              <option key={s} value={s}>
                {stageLabel(locale, s)}
              </option>
            ))}
          </select>
        </label>
        {to === 'lost' ? (
          <label>
            {t(locale, 'extension2.opportunity.lostReason')}
            <input name="lostReason" value={lostReason} onInput={(e) => setLostReason(e.currentTarget.value)} />
          </label>
        ) : null}
        <button type="submit">{t(locale, 'extension2.opportunity.move')}</button>
        {mayOverride && refusal ? (
          <>
            <label>
              {t(locale, 'extension2.opportunity.overrideReason')}
              <input
                name="overrideReason"
                required
                value={overrideReason}
                onInput={(e) => setOverrideReason(e.currentTarget.value)}
              />
            </label>
            <button type="button" disabled={busy} onClick={(e) => void override(e)} data-testid="override">
              {t(locale, 'extension2.opportunity.override')}
            </button>
          </>
        ) : null}
        {refusal ? (
          <p class="error" role="alert" data-testid="move-refused">
            {refusal}
          </p>
        ) : null}
        {done ? (
          <p class="hint" role="status">
            {done}
          </p>
        ) : null}
      </form>
    </li>
  );
}
