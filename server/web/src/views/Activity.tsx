import { useState } from 'preact/hooks';
import type { Meeting, RepActivityReport } from '../../../reports/rep-activity';
import { COUNTED_TYPES } from '../../../reports/rep-activity';
import type { Page } from '../../../reports/rows';
import { query } from '../api';
import { useWords } from '../i18n';
import { Pager } from '../Pager';
import { Status } from '../Status';
import { useApi } from '../use-api';
import type { Scope } from './Shell';

type Answer = Omit<RepActivityReport, 'meetings'> & { meetings: Page<Meeting> };
const PAGE = 25;

/** Per rep per week: captures, calls, visits (面访), emails, notes, tasks; and the next meetings scheduled. */
export function Activity(props: { scope: Scope }) {
  const { t } = useWords();
  const [offset, setOffset] = useState(0);
  const state = useApi<Answer>(`/api/v1/reports/activity${query({ ...props.scope, offset, limit: PAGE })}`);
  return (
    <section aria-labelledby="activity-heading">
      <h1 id="activity-heading">{t('manager.activity.heading')}</h1>
      <Status state={state}>{(answer) => <ActivityBody answer={answer} onOffset={setOffset} />}</Status>
    </section>
  );
}

function ActivityBody(props: { answer: Answer; onOffset: (offset: number) => void }) {
  const { t, date, locale } = useWords();
  const { rows, meetings } = props.answer;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <>
      {rows.length === 0 ? (
        <p class="muted">{t('manager.activity.none')}</p>
      ) : (
        <table data-testid="activity">
          <thead>
            <tr>
              <th scope="col">{t('manager.column.rep')}</th>
              <th scope="col">{t('manager.column.week')}</th>
              {COUNTED_TYPES.map((type) => (
                <th scope="col" class="number" key={type}>
                  {t(`extension.activity.${type}`)}
                </th>
              ))}
              <th scope="col" class="number">
                {t('manager.column.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.rep}-${row.week}`}>
                <th scope="row">{row.rep}</th>
                <td>{date(row.week)}</td>
                {COUNTED_TYPES.map((type) => (
                  <td class="number" key={type}>
                    {row.counts[type]}
                  </td>
                ))}
                <td class="number">{row.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('manager.activity.meetings', { count: meetings.total })}</h2>
      {meetings.total === 0 ? (
        <p class="muted">{t('manager.activity.noMeetings')}</p>
      ) : (
        <table data-testid="meetings">
          <thead>
            <tr>
              <th scope="col">{t('manager.column.when')}</th>
              <th scope="col">{t('manager.column.rep')}</th>
              <th scope="col">{t('manager.column.account')}</th>
              <th scope="col">{t('manager.column.place')}</th>
              <th scope="col">{t('manager.column.purpose')}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.items.map((meeting) => (
              <tr key={meeting.id}>
                <td>{when(meeting.at)}</td>
                <td>{meeting.rep}</td>
                <td>{meeting.accountName ?? ''}</td>
                <td>{meeting.place ?? ''}</td>
                <td>{meeting.purpose ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={meetings.offset} limit={meetings.limit} total={meetings.total} onOffset={props.onOffset} />
    </>
  );
}
