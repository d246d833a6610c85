import type { LeadcardDb, StoredRecord } from './db';

export interface NextMeeting {
  activityId: string;
  at: string;
  place: string;
  purpose: string;
}

/** The customer card (客户资料卡) as the popup shows it. */
export interface Card {
  account: StoredRecord;
  contacts: StoredRecord[];
  /** Newest first. */
  activities: StoredRecord[];
  opportunities: StoredRecord[];
  complaints: StoredRecord[];
  surveys: StoredRecord[];
  nextMeeting: NextMeeting | null;
}

/** The card of one account, or null when it is not in the store; `nowIso` decides which meetings are still ahead. */
export async function loadCard(db: LeadcardDb, accountId: string, nowIso: string): Promise<Card | null> {
  const account = await db.accounts.get(accountId);
  if (!account) return null;
  const [contacts, activities, opportunities, complaints, surveys] = await Promise.all([
    db.contacts.where('accountId').equals(accountId).toArray(),
    db.activities.where('[accountId+at]').between([accountId, ''], [accountId, '\uffff']).reverse().toArray(),
    db.opportunities.where('accountId').equals(accountId).toArray(),
    db.complaints.where('accountId').equals(accountId).toArray(),
    db.surveys.where('accountId').equals(accountId).toArray(),
  ]);
  contacts.sort((a, b) => Number(b.fields.isPrimary === true) - Number(a.fields.isPrimary === true));
  return {
    account,
    contacts,
    activities,
    opportunities,
    complaints,
    surveys,
    nextMeeting: nextMeetingOf(activities, nowIso),
  };
}

/** The earliest next meeting (`next.at`) that is not yet past, among the activities. */
export function nextMeetingOf(activities: readonly StoredRecord[], nowIso: string): NextMeeting | null {
  let best: NextMeeting | null = null;
  const now = Date.parse(nowIso);
  for (const activity of activities) {
    const next = activity.fields.next as { at?: string; place?: string; purpose?: string } | null | undefined;
    if (!next?.at || Date.parse(next.at) < now) continue;
    if (best === null || Date.parse(next.at) < Date.parse(best.at))
      best = { activityId: activity.id, at: next.at, place: next.place ?? '', purpose: next.purpose ?? '' };
  }
  return best;
}
