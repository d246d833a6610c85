import { useMemo } from 'preact/hooks';
import type { ForecastReport } from '../../../reports/forecast';
import { query } from '../api';
import { MonthChart } from '../Chart';
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
      <table data-testid="forecast-months">
        <thead>
          <tr>
            <th scope="col">{t('manager.column.month')}</th>
            <th scope="col" class="number">
              {t('manager.column.weighted')}
            </th>
            <th scope="col" class="number">
              {t('manager.column.won')}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((row) => (
            <tr key={row.month}>
              <th scope="row">{row.month}</th>
              <td class="number">{money(row.weighted)}</td>
              <td class="number">{money(row.won)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('manager.forecast.byRep')}</h2>
      <table data-testid="forecast-reps">
        <thead>
          <tr>
            <th scope="col">{t('manager.column.owner')}</th>
            <th scope="col" class="number">
              {t('manager.column.count')}
            </th>
            <th scope="col" class="number">
              {t('manager.column.pipeline')}
            </th>
            <th scope="col" class="number">
              {t('manager.column.weighted')}
            </th>
            <th scope="col" class="number">
              {t('manager.column.won')}
            </th>
          </tr>
        </thead>
        <tbody>
          {reps.map((row) => (
            <tr key={row.owner ?? ''}>
              <th scope="row">{row.owner ?? t('manager.pipeline.noOwner')}</th>
              <td class="number">{row.count}</td>
              <td class="number">{money(row.amount)}</td>
              <td class="number">{money(row.weighted)}</td>
              <td class="number">{money(row.won)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
