import { useMemo } from 'preact/hooks';
import type { ForecastReport } from '../../../reports/forecast';
import { query } from '../api';
import { MonthChart } from '../Chart';
import { type Column, DataTable } from '../DataTable';
import { useWords } from '../i18n';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

/** Weighted forecast (Σ amount × probability) by month and by rep, against won revenue: a chart and tables. */
export function Forecast(props: { scope: Scope }) {
  const { t } = useWords();
  const state = useApi<ForecastReport>(`/api/v1/reports/forecast${query(props.scope)}`);
  return (
    <section aria-labelledby="forecast-heading">
      <h1 id="forecast-heading">{t('manager.forecast.heading')}</h1>
      <Status state={state}>{(report) => <ForecastBody report={report} />}</Status>
    </section>
  );
}

type Month = ForecastReport['months'][number];
type Rep = ForecastReport['reps'][number];

function ForecastBody(props: { report: ForecastReport }) {
  const { t, money, compact } = useWords();
  const { months, reps } = props.report;
  const labels = useMemo(() => months.map((row) => row.month), [months]);
  const series = useMemo(
    () => [
      { label: t('manager.column.weighted'), values: months.map((row) => row.weighted), color: '#1d4ed8', bars: true },
      { label: t('manager.column.won'), values: months.map((row) => row.won), color: '#15803d' },
    ],
    [months, t],
  );
  const total = months.reduce((sum, row) => sum + row.weighted, 0);
  const monthColumns: Column<Month>[] = [
    { heading: t('manager.column.month'), cell: (row) => row.month },
    { heading: t('manager.column.weighted'), number: true, cell: (row) => money(row.weighted) },
    { heading: t('manager.column.won'), number: true, cell: (row) => money(row.won) },
  ];
  const repColumns: Column<Rep>[] = [
    { heading: t('manager.column.owner'), cell: (row) => row.owner ?? t('manager.pipeline.noOwner') },
    { heading: t('manager.column.count'), number: true, cell: (row) => row.count },
    { heading: t('manager.column.pipeline'), number: true, cell: (row) => money(row.amount) },
    { heading: t('manager.column.weighted'), number: true, cell: (row) => money(row.weighted) },
    { heading: t('manager.column.won'), number: true, cell: (row) => money(row.won) },
  ];
  return (
    <>
      <p class="summary">{t('manager.forecast.total', { weighted: money(total) })}</p>
      <h2>{t('manager.forecast.byMonth')}</h2>
      <MonthChart
        label={t('manager.forecast.byMonth')}
        monthLabel={t('manager.column.month')}
        months={labels}
        series={series}
        format={compact}
      />
      <DataTable testId="forecast-months" columns={monthColumns} rows={months} rowKey={(row) => row.month} />
      <h2>{t('manager.forecast.byRep')}</h2>
      <DataTable testId="forecast-reps" columns={repColumns} rows={reps} rowKey={(row) => row.owner ?? ''} />
    </>
  );
}
