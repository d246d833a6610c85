import { DAY_MS, timeOf } from '../../shared/scoring/time';
import { type Row, textOf } from './rows';

/** The handling flow of DESIGN §3, in order: recorded → validity judged → … → closed. */
export const COMPLAINT_STEPS = [
  'recorded',
  'validity-judged',
  'assigned',
  'cause-found',
  'solution-proposed',
  'approved',
  'carried-out',
  'customer-notified',
  'feedback',
  'closed',
] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
const CATEGORIES = ['customer', 'trader', 'supplier'] as const;

export type ComplaintCard = {
  id: string;
  accountId: string | null;
  accountName: string | null;
  at: string | null;
  category: string | null;
  channel: string | null;
  summary: string;
  step: ComplaintStep;
  responsible: string | null;
  approvedBy: string | null;
  notifiedAt: string | null;
  closedAt: string | null;
  satisfied: boolean | null;
  owner: string | null;
  /** Days open (to closing, or to now). */
  daysOpen: number | null;
  overdue: boolean;
};
export type ComplaintReport = {
  steps: { step: ComplaintStep; count: number; overdue: number; cards: ComplaintCard[] }[];
  /** Complaints per account of each customer category (customer / trader / supplier) over all complaints. */
  rates: { category: (typeof CATEGORIES)[number]; accounts: number; complaints: number; rate: number }[];
  overdue: number;
};

/**
 * The complaints board (投诉, issue 9 view 8): each complaint in its step of the handling flow, with who and when
 * as far as recorded; an open complaint older than `overdueDays` is overdue. Oldest first within a step.
 */
export function complaintReport(
  complaints: readonly Row[],
  accounts: readonly Row[],
  now: Date,
  options: { overdueDays: number; perStep: number } = { overdueDays: 7, perStep: 20 },
): ComplaintReport {
  const nowMs = now.getTime();
  const names = new Map(accounts.map((row) => [row.id, textOf(row.fields.name) ?? '']));
  const categories = new Map(accounts.map((row) => [row.id, textOf(row.fields.category)]));
  const cards = complaints.map((row): ComplaintCard => {
    const f = row.fields;
    const step = COMPLAINT_STEPS.includes(f.step as ComplaintStep) ? (f.step as ComplaintStep) : 'recorded';
    const at = timeOf(textOf(f.at));
    const closed = timeOf(textOf(f.closedAt));
    const end = step === 'closed' && !Number.isNaN(closed) ? closed : nowMs;
    const daysOpen = Number.isNaN(at) ? null : Math.max(0, Math.floor((end - at) / DAY_MS));
    return {
      id: row.id,
      accountId: row.accountId,
      accountName: row.accountId === null ? null : (names.get(row.accountId) ?? null),
      at: textOf(f.at),
      category: textOf(f.category),
      channel: textOf(f.channel),
      summary: textOf(f.summary) ?? '',
      step,
      responsible: [textOf(f.responsibleDept), textOf(f.responsiblePerson)].filter(Boolean).join(' · ') || null,
      approvedBy: textOf(f.approvedBy),
      notifiedAt: textOf(f.notifiedAt),
      closedAt: textOf(f.closedAt),
      satisfied: typeof f.satisfied === 'boolean' ? f.satisfied : null,
      owner: row.owner,
      daysOpen,
      overdue: step !== 'closed' && daysOpen !== null && daysOpen > options.overdueDays,
    };
  });
  cards.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || (a.id < b.id ? -1 : 1));
  const steps = COMPLAINT_STEPS.map((step) => {
    const inStep = cards.filter((card) => card.step === step);
    return {
      step,
      count: inStep.length,
      overdue: inStep.filter((card) => card.overdue).length,
      cards: inStep.slice(0, options.perStep),
    };
  });
  const rates = CATEGORIES.map((category) => {
    const ids = new Set([...categories].filter(([, value]) => value === category).map(([id]) => id));
    const count = complaints.filter((row) => row.accountId !== null && ids.has(row.accountId)).length;
    return {
      category,
      accounts: ids.size,
      complaints: count,
      rate: ids.size ? Math.round((count / ids.size) * 1000) / 1000 : 0,
    };
  });
  return { steps, rates, overdue: cards.filter((card) => card.overdue).length };
}
