import { DAY_MS, timeOf } from '../../shared/scoring/time';
import { atOf, type Row, textOf } from './rows';

/** The activity types counted per rep and week: captures, calls, visits (面访), emails, notes, tasks. */
export const COUNTED_TYPES = ['capture', 'call', 'visit', 'email', 'note', 'task'] as const;
export type CountedType = (typeof COUNTED_TYPES)[number];

export type RepWeek = { rep: string; week: string; counts: Record<CountedType, number>; total: number };
export type Meeting = {
  id: string;
  accountId: string | null;
  accountName: string | null;
  rep: string;
  at: string;
  place: string | null;
  purpose: string | null;
};
export type RepActivityReport = { weeks: string[]; rows: RepWeek[]; meetings: Meeting[] };

/** The Monday (UTC) that starts the week of `ms`, as `YYYY-MM-DD`. */
export function weekOf(ms: number): string {
  return new Date(mondayOf(ms)).toISOString().slice(0, 10);
}

/** The Monday 00:00 UTC of the week of `ms`, in ms (1970-01-01 was a Thursday: weekday 3 counting from Monday). */
function mondayOf(ms: number): number {
  const days = Math.floor(ms / DAY_MS);
  return (days - ((((days + 3) % 7) + 7) % 7)) * DAY_MS;
}

/**
 * Whether an activity can appear in `repActivityReport` over `weeks` weeks to `now`: done since the first week's
 * Monday, or scheduling a next step. Lets the index skip the rest before making rows of them.
 */
export function mayShowActivity(
  now: Date,
  weeks = 8,
): (record: { fields: Record<string, unknown>; atMs: number }) => boolean {
  const firstMonday = mondayOf(now.getTime()) - (weeks - 1) * 7 * DAY_MS;
  return (record) => record.atMs >= firstMonday || Boolean(record.fields.next);
}

/**
 * Rep activity (issue 9 view 7): per rep per week over the last `weeks` weeks, the count of each activity type,
 * and the next meetings scheduled (an activity's `next` from now on), soonest first. The rep is the activity's
 * `by`, else the account's owner.
 */
export function repActivityReport(
  activities: readonly Row[],
  accountNames: ReadonlyMap<string, string>,
  now: Date,
  weeks = 8,
): RepActivityReport {
  const nowMs = now.getTime();
  const firstMonday = mondayOf(nowMs) - (weeks - 1) * 7 * DAY_MS;
  const weekList = Array.from({ length: weeks }, (_, i) => weekOf(firstMonday + i * 7 * DAY_MS));
  const cells = new Map<string, RepWeek>();
  const meetings: Meeting[] = [];
  for (const row of activities) {
    const at = atOf(row);
    const next = row.fields.next as { at?: unknown; place?: unknown; purpose?: unknown } | null | undefined;
    // Most of a year's activities are older than the weeks shown and schedule nothing: skip them first.
    if (!(at >= firstMonday) && !next) continue;
    const rep = textOf(row.fields.by) ?? row.owner;
    if (rep === null) continue;
    const type = row.fields.type as CountedType;
    if (at >= firstMonday && at <= nowMs && COUNTED_TYPES.includes(type)) {
      const monday = mondayOf(at);
      const key = `${rep}\u0000${monday}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          rep,
          week: weekOf(monday),
          counts: { capture: 0, call: 0, visit: 0, email: 0, note: 0, task: 0 },
          total: 0,
        };
        cells.set(key, cell);
      }
      cell.counts[type]++;
      cell.total++;
    }
    const nextAt = timeOf(textOf(next?.at));
    if (next && !Number.isNaN(nextAt) && nextAt >= nowMs)
      meetings.push({
        id: row.id,
        accountId: row.accountId,
        accountName: row.accountId === null ? null : (accountNames.get(row.accountId) ?? null),
        rep,
        at: new Date(nextAt).toISOString(),
        place: textOf(next.place),
        purpose: textOf(next.purpose),
      });
  }
  return {
    weeks: weekList,
    rows: [...cells.values()].sort((a, b) => a.rep.localeCompare(b.rep) || b.week.localeCompare(a.week)),
    meetings: meetings.sort((a, b) => a.at.localeCompare(b.at) || (a.id < b.id ? -1 : 1)),
  };
}
