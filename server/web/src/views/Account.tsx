import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../../../shared/i18n';
import type { Grades } from '../../../../shared/schema/entities';
import { explainLine } from '../explain';
import { useWords } from '../i18n';
import { Status } from '../Status';
import { useApi } from '../use-api';
import { AccountEdit } from './AccountEdit';
import { MailEntry } from './MailEntry';

type Fields = Record<string, unknown>;
type Card = {
  id: string;
  version: number;
  fields: Fields;
  grades: Grades | null;
  contacts: Fields[];
  activities: Fields[];
  opportunities: Fields[];
  transactions: Fields[];
  complaints: Fields[];
};

/** Text of a field: strings and numbers as they are, lists joined, booleans yes/no; never markup. */
function useShow() {
  const { t } = useWords();
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('manager.none');
    if (typeof value === 'boolean') return value ? t('manager.yes') : t('manager.no');
    if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : t('manager.none');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
}

/** The customer card (客户资料卡, DESIGN §3): the four textbook sections, grades with why, history and records. */
export function Account(props: { id: string; role: 'rep' | 'manager' | 'admin'; onBack: () => void }) {
  const { t } = useWords();
  const [nonce, setNonce] = useState(0);
  const state = useApi<Card>(`/api/v1/accounts/${encodeURIComponent(props.id)}`, nonce);
  return (
    <section aria-labelledby="account-heading">
      <button type="button" class="secondary" onClick={props.onBack}>
        {t('manager.account.back')}
      </button>
      {state.error !== null ? (
        <>
          <h1 id="account-heading">{t('manager.account.basic')}</h1>
          <p role="alert">{t('manager.account.notFound')}</p>
        </>
      ) : (
        <Status state={state}>
          {(card) => (
            <>
              <AccountBody card={card} />
              <AccountEdit
                id={card.id}
                version={card.version}
                fields={card.fields}
                role={props.role}
                onSaved={() => setNonce((n) => n + 1)}
              />
            </>
          )}
        </Status>
      )}
    </section>
  );
}

function AccountBody(props: { card: Card }) {
  const { t, money, date } = useWords();
  const show = useShow();
  const { card } = props;
  const f = card.fields;
  const group = (value: unknown) => (value && typeof value === 'object' ? (value as Fields) : {});
  const contract = group(f.contract);
  return (
    <>
      <h1 id="account-heading">{show(f.name)}</h1>
      <div class="two">
        <Facts heading="manager.account.basic">
          {[
            ['manager.field.kind', f.kind],
            ['manager.field.category', f.category],
            ['manager.field.status', f.status],
            ['manager.field.leadStatus', f.leadStatus],
            ['manager.field.industry', f.industry],
            ['manager.field.employees', f.employees],
            ['manager.field.region', f.region],
            ['manager.field.address', f.address],
            ['manager.field.website', f.website],
            ['manager.field.phones', f.phones],
            ['manager.field.domains', f.domains],
            ['manager.field.source', f.source],
            ['manager.field.owner', f.owner],
            ['manager.field.team', f.team],
          ]}
        </Facts>
        <Facts heading="manager.account.features">
          {[
            ['manager.field.serviceArea', group(f.features).serviceArea],
            ['manager.field.salesCapability', group(f.features).salesCapability],
            ['manager.field.developmentPotential', group(f.features).developmentPotential],
            ['manager.field.notes', group(f.features).notes],
          ]}
        </Facts>
        <Facts heading="manager.account.business">
          {[
            ['manager.field.annualPurchaseVolume', group(f.business).annualPurchaseVolume],
            ['manager.field.budget', group(f.business).budget],
            ['manager.field.competitors', group(f.business).competitors],
            [
              'manager.field.contract',
              contract.start || contract.end
                ? `${show(contract.start)} – ${show(contract.end)} · ${show(contract.annualValue)}`
                : null,
            ],
            ['manager.field.strategic', f.strategic],
          ]}
        </Facts>
        <GradeFacts grades={card.grades} />
      </div>
      <h2>{t('manager.account.contacts')}</h2>
      <Table
        columns={[
          'manager.column.account',
          'manager.field.title',
          'manager.field.emails',
          'manager.field.phones',
          'manager.field.buyingRole',
        ]}
        rows={card.contacts.map((c) => [
          show(c.name),
          show(c.title),
          show(c.emails),
          show(c.phones),
          show(c.buyingRole),
        ])}
      />
      <h2>{t('manager.account.history')}</h2>
      <ol class="timeline" data-testid="history">
        {[...card.activities]
          .sort((a, b) => String(b.at).localeCompare(String(a.at)))
          .map((a) =>
            a.type === 'email' ? (
              <li key={String(a.id)}>
                <MailEntry activity={a} />
              </li>
            ) : (
              <li key={String(a.id)}>
                <strong>{typeof a.at === 'string' ? date(a.at) : ''}</strong> · {show(a.type)} · {show(a.by)} —{' '}
                {show(a.summary)}
              </li>
            ),
          )}
      </ol>
      <h2>{t('manager.account.opportunities')}</h2>
      <Table
        columns={[
          'manager.column.opportunity',
          'manager.column.stage',
          'manager.column.amount',
          'manager.column.close',
        ]}
        rows={card.opportunities.map((o) => [
          show(o.name),
          typeof o.stage === 'string' ? t(`scoring.stage.${o.stage}` as MessageKey) : show(o.stage),
          money(typeof o.amount === 'number' ? o.amount : 0),
          typeof o.expectedClose === 'string' ? date(o.expectedClose) : show(null),
        ])}
      />
      <h2>{t('manager.account.transactions')}</h2>
      <Table
        columns={['manager.column.when', 'manager.column.amount']}
        rows={card.transactions.map((x) => [
          typeof x.at === 'string' ? date(x.at) : show(null),
          money(typeof x.amount === 'number' ? x.amount : 0),
        ])}
      />
      <h2>{t('manager.account.complaints')}</h2>
      <Table
        columns={['manager.column.when', 'manager.column.complaintCategory', 'manager.column.stage']}
        rows={card.complaints.map((x) => [
          typeof x.at === 'string' ? date(x.at) : show(null),
          typeof x.category === 'string' ? t(`manager.complaintCategory.${x.category}` as MessageKey) : show(null),
          typeof x.step === 'string' ? t(`manager.step.${x.step}` as MessageKey) : show(x.step),
        ])}
      />
    </>
  );
}

function GradeFacts(props: { grades: Grades | null }) {
  const { t } = useWords();
  const show = useShow();
  const g = props.grades;
  if (!g) return <Facts heading="manager.account.grades">{[['manager.field.score', null]]}</Facts>;
  return (
    <section>
      <Facts heading="manager.account.grades">
        {[
          ['manager.field.score', `${g.score.value} · ${t(`scoring.band.${g.score.band}`)}`],
          ['manager.field.qualification', g.qualification ? t(`scoring.qualification.${g.qualification}`) : null],
          ['manager.field.rfm', g.rfm?.code],
          ['manager.field.pyramid', g.pyramid ? t(`scoring.pyramid.${g.pyramid}`) : null],
          ['manager.field.abc', g.abc],
          [
            'manager.field.keyAccount',
            g.keyAccount.value
              ? g.keyAccount.reasons.map((r) => t(`scoring.reason.keyAccount.${r}` as MessageKey)).join(' · ')
              : false,
          ],
          ['manager.field.credit', g.credit ? `${g.credit.score} · ${g.credit.limit} · ${show(g.credit.dso)}` : null],
          ['manager.field.loyalty', g.loyalty?.index],
          [
            'manager.field.churnRisk',
            g.churnRisk.value
              ? g.churnRisk.reasons.map((r) => t(`scoring.reason.churnRisk.${r}` as MessageKey)).join(' · ')
              : false,
          ],
          ['manager.field.ruleVersion', g.ruleVersion],
        ]}
      </Facts>
      <ul class="plain lines" data-testid="score-lines">
        {g.score.lines.map((line) => (
          <li key={`${line.rule}-${line.field}`}>
            {line.key
              ? explainLine({ key: line.key as never, params: line.params ?? {}, text: line.text }, t)
              : line.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Facts(props: { heading: MessageKey; children: [MessageKey, unknown][] }) {
  const { t } = useWords();
  const show = useShow();
  return (
    <section class="facts">
      <h2>{t(props.heading)}</h2>
      <dl>
        {props.children.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{show(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Table(props: { columns: MessageKey[]; rows: ComponentChildren[][] }) {
  const { t } = useWords();
  if (props.rows.length === 0) return <p class="muted">{t('manager.empty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col" key={column}>
              {t(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
