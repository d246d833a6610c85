import type { StructureReport } from '../../../reports/structure';
import { query } from '../api';
import { useWords } from '../i18n';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

/** Customer structure (DESIGN §4): pyramid with service, ABC with revenue shares, the R×F grid shaded by M. */
export function Structure(props: { scope: Scope }) {
  const { t } = useWords();
  const state = useApi<StructureReport>(`/api/v1/reports/structure${query(props.scope)}`);
  return (
    <section aria-labelledby="structure-heading">
      <h1 id="structure-heading">{t('manager.structure.heading')}</h1>
      <Status state={state}>{(report) => <StructureBody report={report} />}</Status>
    </section>
  );
}

function StructureBody(props: { report: StructureReport }) {
  const { t, money, locale } = useWords();
  const { report } = props;
  const percent = (share: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  return (
    <>
      <p class="summary">
        {t('manager.structure.summary', { customers: report.customers, revenue: money(report.revenue) })}
      </p>
      <div class="two">
        <section aria-labelledby="pyramid-heading">
          <h2 id="pyramid-heading">{t('manager.structure.pyramid')}</h2>
          <table data-testid="pyramid">
            <thead>
              <tr>
                <th scope="col">{t('manager.column.tier')}</th>
                <th scope="col" class="number">
                  {t('manager.column.customers')}
                </th>
                <th scope="col" class="number">
                  {t('manager.column.share')}
                </th>
                <th scope="col">{t('manager.column.service')}</th>
              </tr>
            </thead>
            <tbody>
              {report.pyramid.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(`scoring.pyramid.${row.key}`)}</th>
                  <td class="number">{row.count}</td>
                  <td class="number">{percent(row.share)}</td>
                  <td>{t(`manager.structure.${row.service}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="abc-heading">
          <h2 id="abc-heading">{t('manager.structure.abc')}</h2>
          <table data-testid="abc">
            <thead>
              <tr>
                <th scope="col">{t('manager.column.class')}</th>
                <th scope="col" class="number">
                  {t('manager.column.customers')}
                </th>
                <th scope="col" class="number">
                  {t('manager.column.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.abc.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.key}</th>
                  <td class="number">{row.count}</td>
                  <td class="number">{percent(row.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section aria-labelledby="rfm-heading">
        <h2 id="rfm-heading">{t('manager.structure.rfm')}</h2>
        <table class="rfm" data-testid="rfm">
          <thead>
            <tr>
              <td />
              {[1, 2, 3, 4, 5].map((f) => (
                <th scope="col" key={f}>
                  {t('manager.structure.f', { f })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[5, 4, 3, 2, 1].map((r) => (
              <tr key={r}>
                <th scope="row">{t('manager.structure.r', { r })}</th>
                {[1, 2, 3, 4, 5].map((f) => {
                  const cell = report.rfm[r - 1]?.[f - 1] ?? { count: 0, meanM: 0 };
                  const shade = cell.count === 0 ? 0 : Math.round(cell.meanM);
                  return (
                    <td
                      key={f}
                      class={`number m${shade}`}
                      title={t('manager.structure.rfmCell', { count: cell.count, m: cell.meanM })}
                    >
                      {cell.count}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
