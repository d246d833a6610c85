import { useMemo, useState } from 'preact/hooks';
import type { KeyAccountItem, KeyAccountReport } from '../../../reports/key-accounts';
import type { Page } from '../../../reports/rows';
import { query } from '../api';
import { MonthChart } from '../Chart';
import { accountColumns, type Column, DataTable } from '../DataTable';
import { useWords } from '../i18n';
import { Pager } from '../Pager';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

const wholeNumber = (value: number) => (Number.isInteger(value) ? String(value) : '');

type Answer = { perMonth: KeyAccountReport['perMonth']; page: Page<KeyAccountItem> };
const PAGE = 25;

/** 大客户: the key-account count per month (大客户发展坐标) and today's key accounts with why each qualifies. */
export function KeyAccounts(props: { scope: Scope }) {
  const { t } = useWords();
  const [offset, setOffset] = useState(0);
  const state = useApi<Answer>(`/api/v1/reports/key-accounts${query({ ...props.scope, offset, limit: PAGE })}`);
  return (
    <section aria-labelledby="ka-heading">
      <h1 id="ka-heading">{t('manager.keyAccounts.heading')}</h1>
      <Status state={state}>{(answer) => <KeyAccountBody answer={answer} onOffset={setOffset} />}</Status>
    </section>
  );
}

function KeyAccountBody(props: { answer: Answer; onOffset: (offset: number) => void }) {
  const { t, money } = useWords();
  const { perMonth, page } = props.answer;
  const months = useMemo(() => perMonth.map((row) => row.month), [perMonth]);
  const series = useMemo(
    () => [{ label: t('manager.keyAccounts.count'), values: perMonth.map((row) => row.count), color: '#b45309' }],
    [perMonth, t],
  );
  const columns: Column<KeyAccountItem>[] = [
    ...accountColumns<KeyAccountItem>(t),
    { heading: t('manager.column.revenue'), number: true, cell: (item) => money(item.revenue) },
    {
      heading: t('manager.column.reasons'),
      cell: (item) => item.reasons.map((reason) => t(`scoring.reason.keyAccount.${reason}`)).join(' · '),
    },
  ];
  return (
    <>
      <h2>{t('manager.keyAccounts.chart')}</h2>
      <MonthChart
        label={t('manager.keyAccounts.chart')}
        monthLabel={t('manager.column.month')}
        months={months}
        series={series}
        height={220}
        format={wholeNumber}
      />
      <table class="compact" data-testid="ka-months">
        <thead>
          <tr>
            {perMonth.map((row) => (
              <th scope="col" key={row.month}>
                {row.month}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {perMonth.map((row) => (
              <td class="number" key={row.month}>
                {row.count}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {page.total === 0 ? (
        <p class="muted">{t('manager.keyAccounts.none')}</p>
      ) : (
        <DataTable testId="ka-list" columns={columns} rows={page.items} rowKey={(item) => item.id} />
      )}
      <Pager offset={page.offset} limit={page.limit} total={page.total} onOffset={props.onOffset} />
    </>
  );
}
