import { leadStatus } from '../../shared/schema/entities';
import { checkLeadStatusMove } from '../../shared/scoring/lead-status-move';

/** Why a push may not make an account's lead status change: the HTTP status, code and the field to name. */
export type LeadStatusRefusal = { status: 400 | 409; code: string; field: string; message: string };

/**
 * Checks one account mutation's effect on `leadStatus` (DESIGN §4: new → contacted → qualified | disqualified
 * (reason required) → converted), from the stored fields before to the merged fields after. A card without a
 * stored lead status yet (new, or written by an older client) may start anywhere: an imported customer list
 * comes in already qualified or converted. Messages name statuses only, never the card (no personal data).
 */
export function leadStatusRefusal(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): LeadStatusRefusal | null {
  const from = leadStatus.safeParse(before?.leadStatus);
  const to = leadStatus.safeParse(after.leadStatus);
  if (!from.success || !to.success) return null;
  const reason = typeof after.disqualifyReason === 'string' ? after.disqualifyReason : null;
  const move = checkLeadStatusMove(from.data, to.data, reason);
  if (move.allowed) return null;
  if (move.reason === 'disqualify-reason-required')
    return {
      status: 400,
      code: 'reason-required',
      field: 'disqualifyReason',
      message: 'disqualifying a lead needs a reason in disqualifyReason',
    };
  return {
    status: 409,
    code: 'lead-status',
    field: 'leadStatus',
    message: `leadStatus cannot move from ${move.from} to ${move.to}`,
  };
}
