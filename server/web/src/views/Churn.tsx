import { useState } from 'preact/hooks';
import type { ChurnItem } from '../../../reports/churn';
import type { Page } from '../../../reports/rows';
import { AccountLink } from '../AccountLink';
import { query } from '../api';
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
  return (
    <section aria-labelledby="churn-heading">
      <h1 id="churn-heading">{t('manager.churn.heading')}</h1>
      <Status state={state}>
        {(page) =>
          page.total === 0 ? (
            <p class="muted">{t('manager.churn.none')}</p>
          ) : (
            <>
              <table data-testid="churn">
                <thead>
                  <tr>
                    <th scope="col">{t('manager.column.account')}</th>
                    <th scope="col">{t('manager.column.owner')}</th>
                    <th scope="col" class="number">
                      {t('manager.column.lastPurchase')}
                    </th>
                    <th scope="col">{t('manager.column.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <AccountLink id={item.id} name={item.name} />
                      </th>
                      <td>{item.owner ?? t('manager.pipeline.noOwner')}</td>
                      <td class="number">{item.daysSincePurchase ?? '—'}</td>
                      <td>
                        <ul class="plain">
                          {item.lines.map((line) => (
                            <li key={line.rule}>{explainLine(line, t)}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager offset={page.offset} limit={page.limit} total={page.total} onOffset={setOffset} />
            </>
          )
        }
      </Status>
    </section>
  );
}
