import type { AccountFields } from '../schema/entities';

type LeadStatus = AccountFields['leadStatus'];

export type LeadStatusMove =
  | { allowed: true; from: LeadStatus; to: LeadStatus }
  | { allowed: false; from: LeadStatus; to: LeadStatus; reason: 'not-a-next-step' | 'disqualify-reason-required' };

/**
 * The lead status flow of DESIGN §4: new → contacted → qualified | disqualified → converted. A lead may be
 * disqualified at any open step, but only with a reason; a disqualified lead may be taken up again (contacted);
 * converted (it became a customer and/or an opportunity) is final.
 */
const NEXT: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'disqualified'],
  contacted: ['qualified', 'disqualified'],
  qualified: ['converted', 'disqualified'],
  disqualified: ['contacted'],
  converted: [],
};

/** Checks a lead status change: `checkLeadStatusMove('contacted', 'disqualified', '预算取消')` → allowed. */
export function checkLeadStatusMove(
  from: LeadStatus,
  to: LeadStatus,
  disqualifyReason?: string | null,
): LeadStatusMove {
  if (from === to) return { allowed: true, from, to };
  if (!NEXT[from].includes(to)) return { allowed: false, from, to, reason: 'not-a-next-step' };
  if (to === 'disqualified' && !disqualifyReason?.trim()) {
    return { allowed: false, from, to, reason: 'disqualify-reason-required' };
  }
  return { allowed: true, from, to };
}
