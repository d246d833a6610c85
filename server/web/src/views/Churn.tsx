import { useState } from 'preact/hooks';
import type { ChurnItem } from '../../../reports/churn';
import type { Page } from '../../../reports/rows';
import { query } from '../api';
import { accountColumns, type Column, DataTable } from '../DataTable';
import { explainLine } from '../explain';
import { useWords } from '../i18n';
import { Pager } from '../Pager';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

const PAGE = 50;

/** Customers at risk of churning (R fell to R1, purchases shrink, complaints rise), with the reason and owner. */
export function Churn(props: { scope: Scope }) {
  const { t } = useWords();
  const [offset, setOffset] = useState(0);
  const state = useApi<Page<ChurnItem>>(`/api/v1/reports/churn${query({ ...props.scope, offset, limit: PAGE })}`);
  const columns: Column<ChurnItem>[] = [
    ...accountColumns<ChurnItem>(t),
    { heading: t('manager.column.lastPurchase'), number: true, cell: (item) => item.daysSincePurchase ?? '—' },
    {
      heading: t('manager.column.why'),
      cell: (item) => (
        <ul class="plain">
          {item.lines.map((line) => (
            <li key={line.rule}>{explainLine(line, t)}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <section aria-labelledby="churn-heading">
      <h1 id="churn-heading">{t('manager.churn.heading')}</h1>
      <Status state={state}>
        {(page) =>
          page.total === 0 ? (
            <p class="muted">{t('manager.churn.none')}</p>
          ) : (
            <>
              <DataTable testId="churn" columns={columns} rows={page.items} rowKey={(item) => item.id} />
              <Pager offset={page.offset} limit={page.limit} total={page.total} onOffset={setOffset} />
            </>
          )
        }
      </Status>
    </section>
  );
}
